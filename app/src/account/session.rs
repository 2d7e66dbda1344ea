//! Signing in and out, and who is signed in.

use kheo_domain::api::UserView;
use leptos::prelude::*;

/// The signed-in user, if any.
#[server]
pub async fn whoami() -> Result<Option<UserView>, ServerFnError> {
    Ok(crate::ssr::actor().await?.map(|a| a.view()))
}

/// Signs in with a password, sets the session cookie and goes on to `next`.
#[server]
pub async fn sign_in(username: String, password: String, next: Option<String>) -> Result<(), ServerFnError> {
    use crate::ssr;
    use kheo_service::accounts::auth;
    let parts: http::request::Parts = leptos_axum::extract().await?;
    let svc = ssr::services()?;
    let (device, new_device) = ssr::device_of(&parts.headers);
    let origin = auth::Origin { device: Some(device), ..ssr::origin(&parts) };
    let (token, user) =
        auth::sign_in(&svc, &username, &password, origin).await.map_err(|e| ssr::problem(e.into_problem()))?;
    ssr::set_cookie(ssr::session_cookie(&token, ssr::is_https(&parts.headers)));
    if let Some(set) = new_device {
        ssr::set_cookie(set);
    }
    // Organisers and admins come to work on their contests; a judge to the
    // list of his panels.
    let home = match user.role {
        kheo_domain::user::Role::Judge => "/account",
        _ => "/manage",
    };
    let next = ssr::safe_next(next.filter(|n| !n.is_empty()), home);
    leptos_axum::redirect(&next);
    Ok(())
}

/// Ends the session server-side and clears the cookie.
#[server]
pub async fn sign_out() -> Result<(), ServerFnError> {
    use crate::ssr;
    let parts: http::request::Parts = leptos_axum::extract().await?;
    if let Some(token) = ssr::cookie(&parts.headers, ssr::SESSION_COOKIE) {
        let svc = ssr::services()?;
        kheo_service::accounts::auth::sign_out(&svc, &token).await.map_err(|e| ssr::problem(e.into_problem()))?;
    }
    ssr::set_cookie(ssr::clear_session_cookie());
    leptos_axum::redirect("/");
    Ok(())
}
