//! Tables as sea-orm entities, one module a table (the migrations hold the
//! schema). Points are hundredths of a point, times Unix milliseconds.

/// Declares one table's entity module; every table here has a single
/// auto-increment primary key named `id` and no declared relations (queries
/// join by id explicitly).
macro_rules! table {
    ($(#[$doc:meta])* $module:ident = $table:literal { id: $id:ty, $($col:ident: $ty:ty),+ $(,)? }) => {
        $(#[$doc])*
        pub mod $module {
            use sea_orm::entity::prelude::*;

            #[allow(missing_docs)]
            #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
            #[sea_orm(table_name = $table)]
            pub struct Model {
                #[sea_orm(primary_key)]
                pub id: $id,
                $(pub $col: $ty),+
            }

            #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
            pub enum Relation {}

            impl ActiveModelBehavior for ActiveModel {}
        }
    };
}

table! {
    /// The `users` table.
    user = "users" {
        id: i32,
        username: String,
        display_name: String,
        role: kheo_domain::user::Role,
        unit: Option<String>,
        password_hash: String,
        unit_id: Option<i32>,
        active: bool,
        created_at: i64,
    }
}

table! {
    /// The `sessions` table.
    session = "sessions" {
        id: i32,
        token_hash: String,
        user_id: i32,
        kind: String,
        contest_id: Option<i32>,
        created_at: i64,
        expires_at: i64,
        last_seen_at: i64,
        ip: Option<String>,
        user_agent: Option<String>,
    }
}

table! {
    /// The `judge_passes` table.
    judge_pass = "judge_passes" {
        id: i32,
        contest_id: i32,
        user_id: i32,
        token_hash: String,
        pin_hash: String,
        created_by: Option<i32>,
        created_at: i64,
        expires_at: i64,
        revoked_at: Option<i64>,
        print_token: Option<String>,
        print_pin: Option<String>,
    }
}

table! {
    /// The `org_units` table.
    org_unit = "org_units" {
        id: i32,
        parent_id: Option<i32>,
        name: String,
        kind: kheo_domain::units::UnitKind,
    }
}

table! {
    /// The `contests` table.
    contest = "contests" {
        id: i32,
        name: String,
        level: kheo_domain::contest::Level,
        unit: String,
        org_unit_id: Option<i32>,
        year: i32,
        date: Option<String>,
        venue: Option<String>,
        aggregation: kheo_domain::scoring::Aggregation,
        tie_break_rounds: String,
        qualified_from_id: Option<i32>,
        created_by: Option<i32>,
        version: i64,
        stage_round_id: Option<i32>,
        stage_team_id: Option<i32>,
        created_at: i64,
        updated_at: i64,
        parent_id: Option<i32>,
        registration_deadline: Option<i64>,
        awards: Option<String>,
        side_prizes: String,
        results_sealed: bool,
        revealed_steps: i32,
        paperwork: Option<String>,
        divergence_points: Option<i64>,
        purpose: Option<String>,
        recognition_threshold: Option<i64>,
    }
}

table! {
    /// The `rounds` table.
    round = "rounds" {
        id: i32,
        contest_id: i32,
        position: i32,
        name: String,
        kind: kheo_domain::contest::RoundKind,
        state: kheo_domain::contest::RoundState,
        time_limit_seconds: Option<i32>,
        overtime_per_minute: i64,
        overtime_grace_seconds: i32,
        step: i64,
    }
}

table! {
    /// The `criteria` table.
    criterion = "criteria" {
        id: i32,
        round_id: i32,
        position: i32,
        name: String,
        max_points: i64,
        step: i64,
    }
}

table! {
    /// The `teams` table.
    team = "teams" {
        id: i32,
        contest_id: i32,
        name: String,
        unit: String,
        running_order: i32,
        model_name: Option<String>,
        model_field: Option<String>,
        block: Option<String>,
        model_kind: Option<String>,
        model_summary: Option<String>,
        origin_contest_id: Option<i32>,
        origin_team_id: Option<i32>,
        origin_award: Option<String>,
        withdrawn_at: Option<i64>,
        withdrawn_reason: Option<String>,
        unit_id: Option<i32>,
        model_id: Option<i32>,
    }
}

table! {
    /// The `members` table.
    member = "members" {
        id: i32,
        team_id: i32,
        position: i32,
        name: String,
        role: String,
        birth_year: Option<i32>,
        gender: Option<String>,
        ethnicity: Option<String>,
        job_title: Option<String>,
    }
}

table! {
    /// The `panel_members` table.
    panel_member = "panel_members" {
        id: i32,
        contest_id: i32,
        user_id: i32,
        is_chair: bool,
        counts: bool,
    }
}

table! {
    /// The `sheets` table.
    sheet = "sheets" {
        id: i32,
        contest_id: i32,
        round_id: i32,
        team_id: i32,
        judge_id: i32,
        total: i64,
        client_version: i64,
        created_at: i64,
        updated_at: i64,
        source: kheo_domain::paper::SheetSource,
        entered_by: Option<i32>,
        confirmed_by: Option<i32>,
    }
}

table! {
    /// The `conflicts` table: a judge who does not score a team.
    conflict = "conflicts" {
        id: i32,
        contest_id: i32,
        judge_id: i32,
        team_id: i32,
        reason: Option<String>,
        created_at: i64,
    }
}

table! {
    /// The `paper_typings` table: a paper sheet typed once, waiting for a
    /// second person's typing. `scores` is JSON, criterion id → hundredths.
    paper_typing = "paper_typings" {
        id: i32,
        contest_id: i32,
        round_id: i32,
        team_id: i32,
        judge_id: i32,
        entered_by: i32,
        scores: String,
        total: i64,
        created_at: i64,
    }
}

table! {
    /// The `sheet_scores` table.
    sheet_score = "sheet_scores" {
        id: i32,
        sheet_id: i32,
        criterion_id: i32,
        points: i64,
    }
}

table! {
    /// The `questions` table.
    question = "questions" {
        id: i32,
        round_id: i32,
        position: i32,
        prompt: String,
        kind: String,
        options: String,
        answer: String,
        points: i64,
    }
}

table! {
    /// The `quiz_marks` table.
    quiz_mark = "quiz_marks" {
        id: i32,
        round_id: i32,
        team_id: i32,
        question_id: i32,
        correct: bool,
        marked_by: Option<i32>,
        marked_at: i64,
    }
}

table! {
    /// The `team_round_notes` table.
    team_round_note = "team_round_notes" {
        id: i32,
        round_id: i32,
        team_id: i32,
        overtime_seconds: i32,
    }
}

table! {
    /// The `audit_log` table.
    audit_entry = "audit_log" {
        id: i64,
        at: i64,
        user_id: Option<i32>,
        session_id: Option<i32>,
        contest_id: Option<i32>,
        action: String,
        object_type: String,
        object_id: Option<i32>,
        old_value: Option<String>,
        new_value: Option<String>,
        ip: Option<String>,
    }
}

table! {
    /// The `invitations` table: one per invited unit and contest.
    invitation = "invitations" {
        id: i32,
        contest_id: i32,
        unit_id: i32,
        token: String,
        status: kheo_domain::registration::InvitationStatus,
        entry: Option<String>,
        reason: Option<String>,
        team_id: Option<i32>,
        created_at: i64,
        updated_at: i64,
        submitted_at: Option<i64>,
        decided_at: Option<i64>,
        decided_by: Option<i32>,
    }
}

table! {
    /// The `side_awards` table: side prizes the organisers give by hand.
    side_award = "side_awards" {
        id: i32,
        contest_id: i32,
        prize: i32,
        team_id: i32,
        given_by: Option<i32>,
        given_at: i64,
    }
}

table! {
    /// The `ledger_entries` table: each contest's hash-chained score ledger.
    ledger_entry = "ledger_entries" {
        id: i32,
        contest_id: i32,
        seq: i64,
        at: String,
        action: String,
        data: String,
        prev: String,
        hash: String,
    }
}

table! {
    /// The `settings` table: the server's own values, shared by instances.
    setting = "settings" {
        id: i32,
        name: String,
        value: String,
    }
}

table! {
    /// The `shows` table: a contest's quiz on the projector and its vote.
    show = "shows" {
        id: i32,
        contest_id: i32,
        quiz_round_id: Option<i32>,
        quiz_question_id: Option<i32>,
        quiz_phase: Option<kheo_domain::show::QuizPhase>,
        quiz_ends_at: Option<i64>,
        revealed: String,
        vote_state: kheo_domain::show::VoteState,
        vote_prize_name: Option<String>,
        updated_at: i64,
    }
}

table! {
    /// The `play_answers` table: the audience's answers, one per device and
    /// question; `points` once the question's answer is revealed.
    play_answer = "play_answers" {
        id: i32,
        contest_id: i32,
        question_id: i32,
        device: String,
        nickname: String,
        choice: String,
        at: i64,
        points: Option<i64>,
    }
}

table! {
    /// The `votes` table: one vote per device and contest.
    vote = "votes" {
        id: i32,
        contest_id: i32,
        device: String,
        team_id: i32,
        address: String,
        at: i64,
        voided: Option<String>,
    }
}

table! {
    /// The `models` table: the register of "Dân vận khéo" models.
    model = "models" {
        id: i32,
        org_unit_id: i32,
        year: i32,
        name: String,
        field: String,
        kind: String,
        owner: String,
        summary: String,
        details: String,
        status: String,
        recognised_by: Option<i32>,
        search_text: String,
        created_by: Option<i32>,
        created_at: i64,
        updated_at: i64,
        call_unit_id: Option<i32>,
    }
}

table! {
    /// The `model_events` table: each decision on a model.
    model_event = "model_events" {
        id: i32,
        model_id: i32,
        status: String,
        at: i64,
        by_user: Option<i32>,
        by_name: String,
        decision: Option<String>,
        org_unit_id: Option<i32>,
        contest_id: Option<i32>,
    }
}

table! {
    /// The `model_calls` table: a call for models with its deadline.
    model_call = "model_calls" {
        id: i32,
        org_unit_id: i32,
        year: i32,
        title: String,
        deadline: i64,
        created_by: Option<i32>,
        created_at: i64,
    }
}

table! {
    /// The `model_call_units` table: a unit called, with its link's token.
    model_call_unit = "model_call_units" {
        id: i32,
        call_id: i32,
        org_unit_id: i32,
        token: String,
        created_at: i64,
    }
}

table! {
    /// The `model_photos` table: a model's photos, resized, with thumbnails.
    model_photo = "model_photos" {
        id: i32,
        model_id: i32,
        position: i32,
        image: Vec<u8>,
        thumb: Vec<u8>,
        width: i32,
        height: i32,
        original_bytes: i64,
        created_at: i64,
    }
}
