//! The shapes of the public contract (`shared/api-v1.md`), shared by the
//! server, the pages and the tests, a file per area of the domain. Points
//! travel as decimal strings.

mod accounts;
mod advance;
mod audit;
mod contests;
mod judging;
mod models;
mod registration;
mod results;
mod setup;
mod show;
mod units;

pub use accounts::*;
pub use advance::*;
pub use audit::*;
pub use contests::*;
pub use judging::*;
pub use models::*;
pub use registration::*;
pub use results::*;
pub use setup::*;
pub use show::*;
pub use units::*;
