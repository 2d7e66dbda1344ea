//! `/contests/:id/ledger`: the contest's score ledger for anyone once the
//! results are final (its organisers at any time): the head hash that the
//! record and the projector show, the file to download, every entry, and
//! how to check the chain without Khéo.

use crate::i18n::{ledger_texts, texts};
use crate::shared::LoadFailed;
use crate::shared::id_param;
use kheo_domain::ledger::LedgerView;
use leptos::prelude::*;
use leptos_meta::Title;
use serde::{Deserialize, Serialize};

/// The ledger with the contest it belongs to.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct LedgerPageData {
    /// Contest id.
    pub contest_id: i64,
    /// Contest name.
    pub name: String,
    /// Its unit.
    pub unit: String,
    /// The ledger.
    pub ledger: LedgerView,
}

/// The ledger as the visitor may see it.
#[server]
pub async fn contest_ledger(contest_id: i64) -> Result<LedgerPageData, ServerFnError> {
    let actor = crate::ssr::actor().await?;
    let svc = crate::ssr::services()?;
    let cid = crate::ssr::row_id(contest_id);
    let ledger = kheo_service::ledger::view(&svc, actor.as_ref(), cid).await.map_err(crate::ssr::fail)?;
    let l = kheo_service::contests::load(&svc.db, cid).await.map_err(crate::ssr::fail)?;
    Ok(LedgerPageData { contest_id, name: l.contest.name, unit: l.contest.unit, ledger })
}

/// Checks a downloaded ledger's chain with Python's standard library.
const CHECK_SCRIPT: &str = r#"import hashlib, json, sys

ledger = json.load(open(sys.argv[1], encoding="utf-8"))
prev = "0" * 64
for e in ledger["entries"]:
    body = {k: e[k] for k in ("action", "at", "data", "seq")}
    text = prev + json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    if e["prev"] != prev or e["hash"] != digest:
        sys.exit("entry %d fails / muc %d sai" % (e["seq"], e["seq"]))
    prev = digest
print("OK", prev)"#;

/// `/contests/:id/ledger`.
#[component]
pub fn LedgerPage() -> impl IntoView {
    let t = texts();
    let lt = ledger_texts();
    let id = id_param("id");
    let data = Resource::new(id, contest_ledger);
    view! {
        <Title text=lt.title/>
        <Suspense fallback=move || view! { <p class="muted">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(page) => view! { <LedgerBody page/> }.into_any(),
                    Err(e) => view! { <LoadFailed error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn LedgerBody(page: LedgerPageData) -> impl IntoView {
    let t = texts();
    let lt = ledger_texts();
    let cid = page.contest_id;
    let count = page.ledger.entries.len();
    let rows = page
        .ledger
        .entries
        .into_iter()
        .map(|e| {
            let when = kheo_domain::time::vietnam(&e.at).map_or_else(|| e.at.clone(), |l| l.text());
            let action = if e.action == "contest.begin" { lt.begin } else { t.audit_action(&e.action) };
            view! {
                <tr>
                    <td class="num">{e.seq}</td>
                    <td>{when}</td>
                    <td>{action}</td>
                    <td><code title=e.hash.clone()>{e.hash[..8.min(e.hash.len())].to_string()}</code></td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="board-head">
            <h1>{lt.title}" — "{page.name}</h1>
            <p class="muted">{page.unit}</p>
            <p class="links">
                <a href=format!("/contests/{cid}") rel="external">{t.leaderboard}</a>
                " · "<a href=format!("/api/v1/contests/{cid}/ledger") rel="external" download=format!("so-diem-hoi-thi-{cid}.json")>{lt.download}</a>
            </p>
        </section>
        <section class="card ledger">
            <p>{lt.intro}</p>
            <dl class="ledger-facts">
                <dt>{lt.head}</dt><dd><code class="ledger-head">{page.ledger.head.clone()}</code></dd>
                <dt>{lt.entries}</dt><dd>{count}</dd>
            </dl>
            {(count == 0).then(|| view! { <p class="notice boxed">{lt.empty}</p> })}
        </section>
        <section class="card ledger">
            <h2>{lt.how_title}</h2>
            <ol>{lt.how_steps.iter().map(|s| view! { <li>{*s}</li> }).collect_view()}</ol>
            <p>{lt.script_intro}</p>
            <pre class="code">{CHECK_SCRIPT}</pre>
            <p>{lt.cli_intro}</p>
            <pre class="code">{format!("kheo verify {cid}")}</pre>
        </section>
        {(count > 0).then(|| view! {
            <section class="card ledger">
                <div class="table-wrap">
                    <table class="ledger-entries">
                        <thead><tr><th>{lt.col_seq}</th><th>{lt.col_time}</th><th>{lt.col_action}</th><th>{lt.col_hash}</th></tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            </section>
        })}
    }
}
