//! Paper sheets typed twice: a typing waits in `paper_typings` until a
//! second person types the same marks; the sheet it makes says where it
//! came from and who typed and confirmed it.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum PaperTypings {
    Table,
    Id,
    ContestId,
    RoundId,
    TeamId,
    JudgeId,
    EnteredBy,
    Scores,
    Total,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Sheets {
    Table,
    Source,
    EnteredBy,
    ConfirmedBy,
}

#[derive(DeriveIden)]
enum Contests {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Rounds {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Teams {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

fn fk(col: PaperTypings, to: impl IntoIden, to_col: impl IntoIden) -> ForeignKeyCreateStatement {
    ForeignKey::create().from(PaperTypings::Table, col).to(to, to_col).on_delete(ForeignKeyAction::Cascade).to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(PaperTypings::Table)
                .col(pk_auto(PaperTypings::Id))
                .col(integer(PaperTypings::ContestId))
                .col(integer(PaperTypings::RoundId))
                .col(integer(PaperTypings::TeamId))
                .col(integer(PaperTypings::JudgeId))
                .col(integer(PaperTypings::EnteredBy))
                .col(text(PaperTypings::Scores))
                .col(big_integer(PaperTypings::Total))
                .col(big_integer(PaperTypings::CreatedAt))
                .foreign_key(&mut fk(PaperTypings::ContestId, Contests::Table, Contests::Id))
                .foreign_key(&mut fk(PaperTypings::RoundId, Rounds::Table, Rounds::Id))
                .foreign_key(&mut fk(PaperTypings::TeamId, Teams::Table, Teams::Id))
                .foreign_key(&mut fk(PaperTypings::JudgeId, Users::Table, Users::Id))
                .foreign_key(&mut fk(PaperTypings::EnteredBy, Users::Table, Users::Id))
                .to_owned(),
        )
        .await?;
        // One typing waits per sheet: a second typing either confirms it,
        // replaces it (the same person) or is refused.
        m.create_index(
            Index::create()
                .name("uq_paper_typings_round_team_judge")
                .table(PaperTypings::Table)
                .col(PaperTypings::RoundId)
                .col(PaperTypings::TeamId)
                .col(PaperTypings::JudgeId)
                .unique()
                .to_owned(),
        )
        .await?;
        // SQLite adds one column per ALTER TABLE.
        m.alter_table(
            Table::alter().table(Sheets::Table).add_column(string(Sheets::Source).default("tablet")).to_owned(),
        )
        .await?;
        for col in [Sheets::EnteredBy, Sheets::ConfirmedBy] {
            m.alter_table(Table::alter().table(Sheets::Table).add_column(integer_null(col)).to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for col in [Sheets::Source, Sheets::EnteredBy, Sheets::ConfirmedBy] {
            m.alter_table(Table::alter().table(Sheets::Table).drop_column(col).to_owned()).await?;
        }
        m.drop_table(Table::drop().table(PaperTypings::Table).to_owned()).await
    }
}
