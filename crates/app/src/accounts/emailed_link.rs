//! The one way an emailed link is requested (a password reset, a sign-in link): throttled
//! per address and per IP, a one-time token for the account if there is one, the mail in
//! the account's language. The answer is the same whether or not the address has an account.

use super::*;

/// What a requested link is for.
pub(super) struct EmailedLink<M> {
    /// The throttle's bucket (`reset`, `signin`).
    pub throttle: &'static str,
    /// The token's purpose, checked when the link is opened.
    pub purpose: &'static str,
    /// How long the link works.
    pub valid: Duration,
    /// The page the link opens (its `token` parameter is added).
    pub path: &'static str,
    /// A path on this site to go on to once the link is used ("" for none): added to the
    /// link as its `next` parameter.
    pub next: String,
    /// The mail, from the account's username and the link.
    pub mail: M,
}

/// Mails the link when `email` has an account.
pub(super) async fn request<M>(
    ctx: &Ctx,
    email: &str,
    locale: Locale,
    ip: &str,
    link: EmailedLink<M>,
) -> Result<(), AppError>
where
    M: FnOnce(String, String) -> MailKind + Send + 'static,
{
    let email = EmailAddress::parse(email)?;
    let ctx2 = ctx.clone();
    let ip = ip.to_owned();
    ctx.db
        .write(move |conn| {
            let ctx = &ctx2;
            throttle::mail_request(conn, ctx, link.throttle, email.as_str(), &ip)?;
            let Some(row) = users::by_email(conn, email.as_str())? else {
                return Ok(());
            };
            let user = User::try_from(row)?;
            let token =
                issue_email_token(conn, ctx, &user.id.to_string(), link.purpose, link.valid)?;
            let next = match link.next.as_str() {
                "" => String::new(),
                next => {
                    let encoded: String =
                        url::form_urlencoded::byte_serialize(next.as_bytes()).collect();
                    format!("&next={encoded}")
                }
            };
            let url = ctx
                .settings
                .url(&format!("{}?token={token}{next}", link.path));
            let city = city_name(conn)?;
            let kind = (link.mail)(user.username.to_string(), url);
            mail_outbox::enqueue(
                conn,
                ctx,
                &kind,
                user.locale.unwrap_or(locale),
                user.email.as_str(),
                &city,
            )?;
            Ok(())
        })
        .await
}
