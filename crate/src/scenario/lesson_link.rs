//! The page's link, lessons included. A scenario that follows a lesson is written against the
//! lesson's scenario at its step (only the lesson, the step and what the reader changed) and
//! read on top of it, so `?lesson=fig4&step=3` written by hand opens the story there and a
//! copied link reproduces exactly what was shown. Without a lesson these are [`to_query`] and
//! [`apply_query`]. The page, its workers and the CLI's `--link` read links through here.

use super::defaults::Scenario;
use super::lessons::lesson;
use super::link::{apply_query, to_query, to_query_against};
use super::schema::Notice;

/// The link query of `s`.
#[must_use]
pub fn to_link(s: &Scenario) -> String {
    if let Some(l) = lesson(&s.lesson) {
        if let Ok(base) = l.base_of(s) {
            return to_query_against(s, &base);
        }
    }
    to_query(s)
}

/// Applies link `query` on top of `s`; a link that names a lesson is read on top of the
/// lesson's scenario at its step instead. Never fails (see [`apply_query`]).
pub fn apply_link(s: &mut Scenario, query: &str) -> Vec<Notice> {
    let notices = apply_query(s, query);
    if let Some(l) = lesson(&s.lesson) {
        if let Ok(mut base) = l.base_of(s) {
            let notices = apply_query(&mut base, query);
            *s = base;
            return notices;
        }
    }
    notices
}
