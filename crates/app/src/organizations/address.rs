//! An organization's postal address (issue 26): set by its owners, shown on its page, its
//! offerings and its opportunities with an "open in maps" link.

use super::{load, require, store};
use crate::{AppError, Ctx, User};
use citysync_domain::organization::Capability;
use citysync_domain::text;

/// The longest address kept, in characters: a street, a number, a district, a postcode.
pub const ADDRESS_MAX: usize = 200;

/// An owner sets (or, with an empty text, clears) the organization's postal address.
/// Line breaks become ", " so the address stays one line on every page.
pub async fn set_address(
    ctx: &Ctx,
    user: &User,
    handle: &str,
    address: &str,
) -> Result<(), AppError> {
    let one_line = address
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    let address = text::optional("address", &one_line, ADDRESS_MAX)?;
    let handle = handle.to_owned();
    let user = user.clone();
    ctx.db
        .write(move |conn| {
            let org = load(conn, &handle)?;
            require(conn, &org.id, &user, Capability::ManageMembers)?;
            store::set_address(conn, &org.id, &address)?;
            Ok(())
        })
        .await
}
