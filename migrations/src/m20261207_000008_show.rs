//! The show in the hall: the quiz on the projector and the audience's vote
//! (one `shows` row a contest), the audience's answers as they play along,
//! their votes, and the server's settings (the key that signs the
//! audience's device cookies, shared by every instance).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Settings {
    Table,
    Id,
    Name,
    Value,
}

#[derive(DeriveIden)]
enum Shows {
    Table,
    Id,
    ContestId,
    QuizRoundId,
    QuizQuestionId,
    QuizPhase,
    QuizEndsAt,
    Revealed,
    VoteState,
    VotePrizeName,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum PlayAnswers {
    Table,
    Id,
    ContestId,
    QuestionId,
    Device,
    Nickname,
    Choice,
    At,
    Points,
}

#[derive(DeriveIden)]
enum Votes {
    Table,
    Id,
    ContestId,
    Device,
    TeamId,
    Address,
    At,
    Voided,
}

#[derive(DeriveIden)]
enum Contests {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Teams {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Questions {
    Table,
    Id,
}

fn fk(from: impl IntoIden, col: impl IntoIden, to: impl IntoIden, to_col: impl IntoIden) -> ForeignKeyCreateStatement {
    ForeignKey::create().from(from, col).to(to, to_col).on_delete(ForeignKeyAction::Cascade).to_owned()
}

fn unique(name: &str, table: impl IntoIden, cols: Vec<Alias>) -> IndexCreateStatement {
    let mut i = Index::create();
    i.name(name).table(table).unique();
    for c in cols {
        i.col(c);
    }
    i.to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Settings::Table)
                .col(pk_auto(Settings::Id))
                .col(string_uniq(Settings::Name))
                .col(text(Settings::Value))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(Shows::Table)
                .col(pk_auto(Shows::Id))
                .col(integer_uniq(Shows::ContestId))
                .col(integer_null(Shows::QuizRoundId))
                .col(integer_null(Shows::QuizQuestionId))
                .col(string_null(Shows::QuizPhase))
                .col(big_integer_null(Shows::QuizEndsAt))
                .col(text(Shows::Revealed).default("[]"))
                .col(string(Shows::VoteState).default("off"))
                .col(text_null(Shows::VotePrizeName))
                .col(big_integer(Shows::UpdatedAt))
                .foreign_key(&mut fk(Shows::Table, Shows::ContestId, Contests::Table, Contests::Id))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(PlayAnswers::Table)
                .col(pk_auto(PlayAnswers::Id))
                .col(integer(PlayAnswers::ContestId))
                .col(integer(PlayAnswers::QuestionId))
                .col(string(PlayAnswers::Device))
                .col(text(PlayAnswers::Nickname))
                .col(text(PlayAnswers::Choice))
                .col(big_integer(PlayAnswers::At))
                .col(big_integer_null(PlayAnswers::Points))
                .foreign_key(&mut fk(PlayAnswers::Table, PlayAnswers::ContestId, Contests::Table, Contests::Id))
                .foreign_key(&mut fk(PlayAnswers::Table, PlayAnswers::QuestionId, Questions::Table, Questions::Id))
                .to_owned(),
        )
        .await?;
        m.create_index(unique(
            "uq_play_answers_question_device",
            PlayAnswers::Table,
            vec![Alias::new("question_id"), Alias::new("device")],
        ))
        .await?;
        m.create_index(
            Index::create()
                .name("ix_play_answers_contest")
                .table(PlayAnswers::Table)
                .col(PlayAnswers::ContestId)
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(Votes::Table)
                .col(pk_auto(Votes::Id))
                .col(integer(Votes::ContestId))
                .col(string(Votes::Device))
                .col(integer(Votes::TeamId))
                .col(string(Votes::Address))
                .col(big_integer(Votes::At))
                .col(text_null(Votes::Voided))
                .foreign_key(&mut fk(Votes::Table, Votes::ContestId, Contests::Table, Contests::Id))
                .foreign_key(&mut fk(Votes::Table, Votes::TeamId, Teams::Table, Teams::Id))
                .to_owned(),
        )
        .await?;
        m.create_index(unique(
            "uq_votes_contest_device",
            Votes::Table,
            vec![Alias::new("contest_id"), Alias::new("device")],
        ))
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in ["votes", "play_answers", "shows", "settings"] {
            m.drop_table(Table::drop().table(Alias::new(t)).to_owned()).await?;
        }
        Ok(())
    }
}
