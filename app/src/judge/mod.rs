//! Pages for judges: the pass (link or QR code and a PIN) and the judge's
//! desk on a tablet, with sheets kept on the tablet until the server has
//! them.

pub mod desk;
pub mod outbox;
pub mod pass;
pub mod pending;
