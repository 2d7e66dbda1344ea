//! Khéo's schema: one set of migrations for SQLite and PostgreSQL.
//!
//! Points are stored as integer hundredths (`BIGINT`), times as Unix
//! milliseconds (`BIGINT`): both exact and identical on either engine.

pub use sea_orm_migration::prelude::*;

mod m20261123_000001_initial;
mod m20261125_000002_season;
mod m20261125_000003_results;
mod m20261125_000004_ledger;
mod m20261206_000005_passes;
mod m20261207_000006_paper;
mod m20261207_000007_panel;
mod m20261207_000008_show;
mod m20261207_000009_models;
mod m20261207_000010_model_calls;

/// Applies Khéo's migrations in order.
pub struct Migrator;

impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261123_000001_initial::Migration),
            Box::new(m20261125_000002_season::Migration),
            Box::new(m20261125_000003_results::Migration),
            Box::new(m20261125_000004_ledger::Migration),
            Box::new(m20261206_000005_passes::Migration),
            Box::new(m20261207_000006_paper::Migration),
            Box::new(m20261207_000007_panel::Migration),
            Box::new(m20261207_000008_show::Migration),
            Box::new(m20261207_000009_models::Migration),
            Box::new(m20261207_000010_model_calls::Migration),
        ]
    }
}
