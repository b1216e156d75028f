//! The documented examples of each model as link queries: one click in the page (the
//! "Examples" menu), `--set`-able in the CLI, and tested to show what they promise. Each model's
//! examples are in its row of the model registry ([`super::models::MODELS`]); the menu lists
//! them model by model.

pub use super::models::Preset;
use super::models::MODELS;

/// Every example, in menu order.
pub fn presets() -> impl Iterator<Item = &'static Preset> {
    MODELS.iter().flat_map(|m| m.examples.iter())
}

/// The preset `id`.
#[must_use]
pub fn preset(id: &str) -> Option<&'static Preset> {
    presets().find(|p| p.id == id)
}
