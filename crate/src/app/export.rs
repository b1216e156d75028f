//! Scripts for other simulators, from the session's scenario.

use super::session::{to_text, Session};
use crate::export::{self, Target};
use crate::Error;
use serde_json::json;

impl Session {
    /// The simulators the current scenario can be exported to, as JSON
    /// [{target, label, unavailable}] (`unavailable` says why, or is null).
    #[must_use]
    pub fn export_targets(&self) -> String {
        let list: Vec<_> = Target::ALL
            .iter()
            .map(|t| {
                json!({
                    "target": t.name(),
                    "label": t.label(),
                    "unavailable": t.unavailable(self.scenario.model),
                })
            })
            .collect();
        to_text(&json!(list))
    }

    /// The current scenario as a script for `target` ("nest", "brian2", "tvb", "pyrates"), as
    /// JSON {file_name, text, warnings}.
    ///
    /// # Errors
    /// An unknown target, a model it cannot take, or parameters that make no network.
    pub fn export_script(&self, target: &str) -> Result<String, Error> {
        let t = Target::from_name(target)
            .ok_or_else(|| Error::Usage(format!("unknown export target '{target}'")))?;
        let set = if t == Target::Tvb {
            Some(self.current_set()?)
        } else {
            None
        };
        let e = export::export(&self.scenario, t, set)?;
        Ok(to_text(&json!({
            "file_name": e.file_name,
            "text": e.text,
            "warnings": e.warnings,
        })))
    }
}
