//! Pages for a unit invited to register, reached by its link alone: the
//! entry form on a phone, and the form printed for signing.

pub mod entry;
pub mod model_link;
pub mod print;
