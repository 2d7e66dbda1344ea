//! The shapes of the public contract (`shared/api-v1.md`), shared by the
//! server, the pages and the tests, a file per area of the domain. Points
//! travel as decimal strings.

mod accounts;
mod audit;
mod contests;
mod judging;
mod results;
mod season;
mod setup;

pub use accounts::*;
pub use audit::*;
pub use contests::*;
pub use judging::*;
pub use results::*;
pub use season::*;
pub use setup::*;
