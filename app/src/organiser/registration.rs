//! `/manage/:cid/registration`: the registration desk. The organiser opens
//! a call with a deadline and invites units; every invited unit is listed
//! with its status, its last change and its entry, to approve or return
//! with a reason; the links are printed as QR codes or pasted into Zalo.

use crate::admin::units::load_units;
use crate::i18n::{lang, season_texts, texts};
use crate::shared::{ErrorLine, LoadFailed};
use crate::shared::{error_text, id_param, local_field, local_time};
use kheo_domain::api::{ContestView, Entry, InvitationList, InvitationView, UnitView};
use kheo_domain::registration::InvitationStatus;
use kheo_domain::units::{self, UnitNode};
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use leptos_meta::Title;

#[cfg(feature = "ssr")]
use crate::ssr::{fail, row_id as id, services, signed_in};

/// The contest and its invitations, for its organisers.
#[server]
pub async fn load_registrations(contest_id: i64) -> Result<(ContestView, InvitationList), ServerFnError> {
    let actor = signed_in().await?;
    let svc = services()?;
    let parts: http::request::Parts = leptos_axum::extract().await?;
    let contest = kheo_service::contests::get_managed(&svc, &actor, id(contest_id)).await.map_err(fail)?;
    let base = crate::ssr::public_base(&parts.headers);
    let list = kheo_service::registration::list(&svc, &actor, id(contest_id), &base).await.map_err(fail)?;
    Ok((contest, list))
}

/// Opens (or moves) the call's deadline, given in Vietnam's time as a
/// browser's `datetime-local` writes it, and invites these units.
#[server(input = Json)]
pub async fn invite_units(
    contest_id: i64,
    deadline: String,
    unit_ids: Vec<i64>,
) -> Result<InvitationList, ServerFnError> {
    let actor = signed_in().await?;
    let svc = services()?;
    let parts: http::request::Parts = leptos_axum::extract().await?;
    let req = kheo_domain::api::InvitationRequest { deadline: vietnam_time(&deadline), unit_ids };
    let base = crate::ssr::public_base(&parts.headers);
    kheo_service::registration::invite(&svc, &actor, id(contest_id), &req, &base).await.map_err(fail)
}

/// One invitation with its entry.
#[server]
pub async fn load_invitation(
    contest_id: i64,
    invitation_id: i64,
) -> Result<(InvitationView, Option<Entry>), ServerFnError> {
    let actor = signed_in().await?;
    let svc = services()?;
    let parts: http::request::Parts = leptos_axum::extract().await?;
    let base = crate::ssr::public_base(&parts.headers);
    kheo_service::registration::get(&svc, &actor, id(contest_id), id(invitation_id), &base).await.map_err(fail)
}

/// Approves an entry or returns it with a reason.
#[server]
pub async fn decide_entry(
    contest_id: i64,
    invitation_id: i64,
    decision: String,
    reason: Option<String>,
) -> Result<InvitationView, ServerFnError> {
    let actor = signed_in().await?;
    let svc = services()?;
    let parts: http::request::Parts = leptos_axum::extract().await?;
    let base = crate::ssr::public_base(&parts.headers);
    let d = kheo_domain::api::Decision { decision, reason };
    kheo_service::registration::decide(&svc, &actor, id(contest_id), id(invitation_id), &d, &base).await.map_err(fail)
}

/// `2026-12-01T17:00` (a `datetime-local` in the hall's zone) as RFC 3339;
/// anything else is passed on for the service to refuse by name.
pub fn vietnam_time(local: &str) -> String {
    let t = local.trim();
    match t.len() {
        16 => format!("{t}:00+07:00"),
        19 => format!("{t}+07:00"),
        _ => t.to_string(),
    }
}

/// An invitation opened on the desk, with its entry.
type OpenEntry = (InvitationView, Option<Entry>);

/// A status as a coloured badge.
pub fn status_badge(status: InvitationStatus) -> impl IntoView {
    view! { <span class="status-badge" data-status=status.as_str()>{status.label(lang())}</span> }
}

/// `/manage/:cid/registration`.
#[component]
pub fn RegistrationPage() -> impl IntoView {
    let t = texts();
    let s = season_texts();
    let cid = id_param("cid");
    let changed = RwSignal::new(0u32);
    let desk = Resource::new(move || (cid(), changed.get()), |(c, _)| load_registrations(c));
    let units = Resource::new(|| (), |_| load_units());
    // The entry opened below the list; its resource is made here, beside
    // the page's others (see the README).
    let open = RwSignal::new(None::<i64>);
    let entry = Resource::new(
        move || (cid(), open.get(), changed.get()),
        |(c, i, _)| async move {
            match i {
                Some(i) => load_invitation(c, i).await.map(Some),
                None => Ok(None),
            }
        },
    );
    view! {
        <Title text=s.registration.registration_title/>
        <Suspense fallback=move || view! { <p class="muted">{t.loading}</p> }>
            {move || Suspend::new(async move {
                let (contest, list) = match desk.await {
                    Ok(x) => x,
                    Err(e) => return view! { <LoadFailed error=e/> }.into_any(),
                };
                let units = units.await.map(|u| u.units).unwrap_or_default();
                let started = contest.rounds.iter().any(|r| r.state != kheo_domain::contest::RoundState::Draft);
                view! {
                    <section class="board-head">
                        <h1>{s.registration.registration_title}</h1>
                        <p class="muted"><a href=format!("/manage/{}", contest.id)>{contest.name.clone()}</a></p>
                        <p class="links">
                            <a href=format!("/manage/{}/registration/print", contest.id) rel="external" target="_blank">{s.registration.print_links}</a>
                            " · "
                            <a href=format!("/api/v1/contests/{}/registrations.xlsx", contest.id) rel="external" download>{s.registration.export_members}</a>
                        </p>
                    </section>
                    {started.then(|| view! { <p class="notice boxed" role="status">{s.registration.registration_started}</p> })}
                    <InviteForm contest=contest.clone() list=list.clone() units=units.clone() changed/>
                    <InvitationTable contest_id=contest.id list open/>
                    <EntryPanel contest_id=contest.id entry open changed started/>
                }
                .into_any()
            })}
        </Suspense>
    }
}

/// The call: its deadline (or a new one) and the units to invite, picked
/// in the tree; "every unit under" picks a unit's whole branch.
#[component]
fn InviteForm(
    contest: ContestView,
    list: InvitationList,
    units: Vec<UnitView>,
    changed: RwSignal<u32>,
) -> impl IntoView {
    let s = season_texts();
    let l = lang();
    let invited: Vec<i64> = list.invitations.iter().map(|i| i.unit_id).collect();
    let deadline = RwSignal::new(list.deadline.as_deref().map(local_field).unwrap_or_default());
    let picked = RwSignal::new(Vec::<i64>::new());
    let status = RwSignal::new(None::<Result<String, String>>);
    let nodes: Vec<UnitNode> = units
        .iter()
        .map(|u| UnitNode { id: u.id, parent_id: u.parent_id, name: u.name.clone(), kind: u.kind })
        .collect();
    let tree: Vec<(usize, i64, String, &'static str)> =
        units::tree_order(&nodes).into_iter().map(|(d, u)| (d, u.id, u.name.clone(), u.kind.label(l))).collect();
    let branch = StoredValue::new(nodes);
    let root = contest.unit_id;
    let cid = contest.id;
    // Invited: the list of invitations is loaded again.
    let invite = ServerAction::<InviteUnits>::new();
    Effect::new(move |_| match invite.value().get() {
        Some(Ok(r)) => {
            status.set(Some(Ok(format!("{} {}", s.registration.invited_now, r.invitations.len()))));
            picked.set(Vec::new());
            changed.update(|n| *n += 1);
        }
        Some(Err(e)) => status.set(Some(Err(error_text(&e)))),
        None => {}
    });
    let send = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        invite.dispatch(InviteUnits {
            contest_id: cid,
            deadline: deadline.get_untracked(),
            unit_ids: picked.get_untracked(),
        });
    };
    let pick_branch = move |_| {
        let Some(root) = root else { return };
        let ids = branch.with_value(|n| units::with_descendants(n, root));
        picked.update(|p| {
            for id in ids {
                if id != root && !p.contains(&id) {
                    p.push(id);
                }
            }
        });
    };
    view! {
        <section class="card">
            <h2>{s.registration.invite_title}</h2>
            <form class="form" id="invite" on:submit=send>
                <label class="narrow-label"><span>{s.registration.deadline}</span>
                    <input type="datetime-local" name="deadline" required prop:value=move || deadline.get()
                        on:input=move |ev| deadline.set(event_target_value(&ev))/></label>
                <p class="muted small">{s.registration.deadline_help}</p>
                <div class="row">
                    {root.map(|_| view! {
                        <button type="button" class="button small" id="pick-branch" on:click=pick_branch>
                            {s.registration.pick_all_under}" "{contest.unit.clone()}
                        </button>
                    })}
                    <button type="button" class="button small" on:click=move |_| picked.set(Vec::new())>{s.registration.pick_none}</button>
                </div>
                <ul class="unit-tree pick">
                    {tree.into_iter().map(|(depth, uid, name, kind)| {
                        let already = invited.contains(&uid);
                        view! {
                            <li class="unit-line" style=format!("--depth:{depth}")>
                                <label class="check">
                                    <input type="checkbox" name="unit_ids" value=uid disabled=already
                                        prop:checked=move || already || picked.with(|p| p.contains(&uid))
                                        on:change=move |ev| {
                                            let on = event_target_checked(&ev);
                                            picked.update(|p| {
                                                p.retain(|x| *x != uid);
                                                if on { p.push(uid); }
                                            });
                                        }/>
                                    {name}
                                    <small class="muted">" · "{kind}</small>
                                    {already.then(|| view! { <span class="badge">{s.registration.already_invited}</span> })}
                                </label>
                            </li>
                        }
                    }).collect_view()}
                </ul>
                <div class="row">
                    <button type="submit" class="button primary">
                        {move || format!("{} ({})", s.registration.send_invitations, picked.with(Vec::len))}
                    </button>
                    {move || status.get().map(|r| match r {
                        Ok(m) => view! { <span class="ok" role="status">{m}</span> }.into_any(),
                        Err(e) => view! { <ErrorLine message=Some(e) inline=true/> }.into_any(),
                    })}
                </div>
            </form>
        </section>
    }
}

/// Every invited unit: status, team, last change, its link.
#[component]
fn InvitationTable(contest_id: i64, list: InvitationList, open: RwSignal<Option<i64>>) -> impl IntoView {
    let s = season_texts();
    let counts = kheo_domain::registration::StatusCounts::of(list.invitations.iter().map(|i| i.status));
    let l = lang();
    view! {
        <section class="card" id="invitations">
            <div class="row spread">
                <h2>{s.registration.invited_units}" ("{list.invitations.len()}")"</h2>
                <p class="muted">
                    {list.deadline.as_deref().map(|d| format!("{}: {}", s.registration.deadline, local_time(d)))}
                </p>
            </div>
            <p class="status-counts">
                {[(InvitationStatus::Invited, counts.invited), (InvitationStatus::Draft, counts.draft),
                  (InvitationStatus::Submitted, counts.submitted), (InvitationStatus::Returned, counts.returned),
                  (InvitationStatus::Approved, counts.approved)]
                    .into_iter()
                    .map(|(st, n)| view! { <span class="status-badge" data-status=st.as_str()>{st.label(l)}": "{n}</span> })
                    .collect_view()}
            </p>
            {list.invitations.is_empty().then(|| view! { <p class="muted">{s.registration.no_invitations}</p> })}
            <div class="table-wrap">
                <table class="plain invitations">
                    <thead><tr>
                        <th>{s.unit}</th><th>{s.registration.status}</th><th>{s.team_name}</th><th>{s.registration.members}</th>
                        <th>{s.registration.last_change}</th><th>{s.registration.link}</th><th></th>
                    </tr></thead>
                    <tbody>
                        {list.invitations.into_iter().map(|i| {
                            let iid = i.id;
                            let url = i.url.clone();
                            view! {
                                <tr data-unit=i.unit.clone() data-status=i.status.as_str() class:selected=move || open.get() == Some(iid)>
                                    <td><strong>{i.unit.clone()}</strong></td>
                                    <td>{status_badge(i.status)}</td>
                                    <td>{i.team_name.clone().unwrap_or_default()}</td>
                                    <td class="num">{(i.members > 0).then_some(i.members)}</td>
                                    <td class="small nowrap">{i.updated_at.as_deref().map(local_time).unwrap_or_default()}</td>
                                    <td class="link-cell">
                                        <input type="text" class="copy-link" readonly value=url.clone() aria-label=s.registration.link
                                            onfocus="this.select()"/>
                                    </td>
                                    <td class="actions">
                                        <button type="button" class="button small" data-open=iid on:click=move |_| open.set(Some(iid))>{s.registration.view_entry}</button>
                                        {(i.status != InvitationStatus::Invited).then(|| view! {
                                            <a class="button small" rel="external" target="_blank"
                                                href=format!("/manage/{contest_id}/registration/{iid}/form")>{s.registration.print_form}</a>
                                        })}
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

/// The entry opened from the list: team, members, model; approve, or
/// return with a reason.
#[component]
fn EntryPanel(
    contest_id: i64,
    entry: Resource<Result<Option<OpenEntry>, ServerFnError>>,
    open: RwSignal<Option<i64>>,
    changed: RwSignal<u32>,
    started: bool,
) -> impl IntoView {
    let t = texts();
    view! {
        <Transition fallback=move || view! { <p class="muted">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match entry.await {
                    Ok(Some((inv, e))) => view! { <EntryCard contest_id inv entry=e open changed started/> }.into_any(),
                    Ok(None) => ().into_any(),
                    Err(e) => view! { <LoadFailed error=e bare=true/> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn EntryCard(
    contest_id: i64,
    inv: InvitationView,
    entry: Option<Entry>,
    open: RwSignal<Option<i64>>,
    changed: RwSignal<u32>,
    started: bool,
) -> impl IntoView {
    let s = season_texts();
    let reason = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let iid = inv.id;
    let decide = move |what: &'static str| {
        let r = Some(reason.get_untracked()).filter(|r| !r.trim().is_empty());
        leptos::task::spawn_local(async move {
            match decide_entry(contest_id, iid, what.into(), r).await {
                Ok(_) => {
                    error.set(None);
                    changed.update(|n| *n += 1);
                }
                Err(e) => error.set(Some(error_text(&e))),
            }
        });
    };
    let can_decide = inv.status == InvitationStatus::Submitted && !started;
    view! {
        <section class="card entry-card" id="entry">
            <div class="row spread">
                <h2>{inv.unit.clone()}</h2>
                <div class="row">
                    {status_badge(inv.status)}
                    <button type="button" class="button small" on:click=move |_| open.set(None)>{s.registration.close}</button>
                </div>
            </div>
            {inv.reason.clone().map(|r| view! { <p class="notice boxed">{s.registration.returned_because}" "{r}</p> })}
            {match entry {
                None => view! { <p class="muted">{s.registration.nothing_yet}</p> }.into_any(),
                Some(e) => view! { <EntrySummary entry=e/> }.into_any(),
            }}
            {can_decide.then(|| view! {
                <div class="decision">
                    <label class="form"><span>{s.registration.return_reason}</span>
                        <textarea name="reason" rows="2" on:input=move |ev| reason.set(event_target_value(&ev))></textarea></label>
                    <div class="row">
                        <button type="button" class="button primary" id="approve" on:click=move |_| decide("approve")>{s.registration.approve}</button>
                        <button type="button" class="button danger" id="return" on:click=move |_| decide("return")>{s.registration.send_back}</button>
                    </div>
                </div>
            })}
            <ErrorLine message=error/>
        </section>
    }
}

/// An entry as the desk and the printed form read it.
#[component]
pub fn EntrySummary(entry: Entry) -> impl IntoView {
    let s = season_texts();
    let l = lang();
    let model = entry.model.clone().unwrap_or_default();
    view! {
        <div class="entry-summary">
            <p><span class="label">{s.team_name}": "</span><strong>{entry.team.name.clone()}</strong></p>
            <table class="plain members">
                <thead><tr><th>"#"</th><th>{s.member_name}</th><th>{s.member_role}</th><th>{s.registration.birth_year}</th>
                    <th>{s.registration.gender}</th><th>{s.registration.ethnicity}</th><th>{s.registration.position}</th></tr></thead>
                <tbody>
                    {entry.team.members.iter().enumerate().map(|(i, m)| view! {
                        <tr>
                            <td>{i + 1}</td>
                            <td>{m.name.clone()}</td>
                            <td>{crate::shared::member_role_name(s, m.role)}</td>
                            <td>{m.birth_year}</td>
                            <td>{m.gender.map(|g| g.label(l))}</td>
                            <td>{m.ethnicity.clone()}</td>
                            <td>{m.position.clone()}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            <p><span class="label">{s.registration.model_name}": "</span><strong>{model.name.clone()}</strong></p>
            <p>
                <span class="label">{s.registration.model_field}": "</span>{model.field.map(kheo_domain::setup::field_label)}
                " · "<span class="label">{s.registration.model_kind}": "</span>{model.kind.map(|k| crate::shared::model_kind_name(s, k))}
            </p>
            {(!model.summary.is_empty()).then(|| view! { <p class="summary">{model.summary.clone()}</p> })}
        </div>
    }
}
