//! Judges' passes that can be printed again while they are valid: the link
//! and the PIN are kept beside their hashes until the pass is revoked or
//! runs out, then wiped.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum JudgePasses {
    Table,
    PrintToken,
    PrintPin,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per ALTER TABLE.
        for col in [JudgePasses::PrintToken, JudgePasses::PrintPin] {
            m.alter_table(Table::alter().table(JudgePasses::Table).add_column(string_null(col)).to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for col in [JudgePasses::PrintToken, JudgePasses::PrintPin] {
            m.alter_table(Table::alter().table(JudgePasses::Table).drop_column(col).to_owned()).await?;
        }
        Ok(())
    }
}
