//! The end of a contest: its prize scheme and side prizes, the side prizes
//! the organisers give by hand, the award ceremony's progress, and the
//! paperwork's settings (signers, decision number, certificate wording).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Contests {
    Table,
    Id,
    Awards,
    SidePrizes,
    ResultsSealed,
    RevealedSteps,
    Paperwork,
}

#[derive(DeriveIden)]
enum Teams {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum SideAwards {
    Table,
    Id,
    ContestId,
    Prize,
    TeamId,
    GivenBy,
    GivenAt,
}

async fn add(m: &SchemaManager<'_>, col: &mut ColumnDef) -> Result<(), DbErr> {
    m.alter_table(Table::alter().table(Contests::Table).add_column(col).to_owned()).await
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // JSON lists; null awards means the usual scheme.
        add(m, &mut text_null(Contests::Awards)).await?;
        add(m, text(Contests::SidePrizes).default("[]")).await?;
        add(m, boolean(Contests::ResultsSealed).default(false)).await?;
        add(m, integer(Contests::RevealedSteps).default(0)).await?;
        add(m, &mut text_null(Contests::Paperwork)).await?;
        m.create_table(
            Table::create()
                .table(SideAwards::Table)
                .col(pk_auto(SideAwards::Id))
                .col(integer(SideAwards::ContestId))
                .col(integer(SideAwards::Prize))
                .col(integer(SideAwards::TeamId))
                .col(integer_null(SideAwards::GivenBy))
                .col(big_integer(SideAwards::GivenAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(SideAwards::Table, SideAwards::ContestId)
                        .to(Contests::Table, Contests::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(SideAwards::Table, SideAwards::TeamId)
                        .to(Teams::Table, Teams::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("uq_side_awards")
                .table(SideAwards::Table)
                .col(SideAwards::ContestId)
                .col(SideAwards::Prize)
                .col(SideAwards::TeamId)
                .unique()
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(SideAwards::Table).to_owned()).await?;
        for col in [
            Contests::Awards,
            Contests::SidePrizes,
            Contests::ResultsSealed,
            Contests::RevealedSteps,
            Contests::Paperwork,
        ] {
            m.alter_table(Table::alter().table(Contests::Table).drop_column(col).to_owned()).await?;
        }
        Ok(())
    }
}
