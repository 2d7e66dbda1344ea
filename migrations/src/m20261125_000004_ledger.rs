//! The score ledger: each contest's hash-chained entries, appended in the
//! same transaction as the change they record.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Contests {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum LedgerEntries {
    Table,
    Id,
    ContestId,
    Seq,
    At,
    Action,
    Data,
    Prev,
    Hash,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(LedgerEntries::Table)
                .col(pk_auto(LedgerEntries::Id))
                .col(integer(LedgerEntries::ContestId))
                .col(big_integer(LedgerEntries::Seq))
                .col(string(LedgerEntries::At))
                .col(string(LedgerEntries::Action))
                .col(text(LedgerEntries::Data))
                .col(string(LedgerEntries::Prev))
                .col(string(LedgerEntries::Hash))
                .foreign_key(
                    ForeignKey::create()
                        .from(LedgerEntries::Table, LedgerEntries::ContestId)
                        .to(Contests::Table, Contests::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        // Two writers can never append the same place in a chain.
        m.create_index(
            Index::create()
                .name("uq_ledger_entries_seq")
                .table(LedgerEntries::Table)
                .col(LedgerEntries::ContestId)
                .col(LedgerEntries::Seq)
                .unique()
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(LedgerEntries::Table).to_owned()).await
    }
}
