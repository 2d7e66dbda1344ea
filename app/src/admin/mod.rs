//! Pages for the site's keepers: the units tree (admins) and accounts
//! (admins make any, organisers make judges).

pub mod accounts;
pub mod units;
