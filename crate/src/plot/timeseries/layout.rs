//! Sizes of a panel's furniture in CSS pixels; multiplied by [`crate::plot::Theme::scale`] when drawn.

/// Height of one header row (title, legend) [px].
pub const ROW: f64 = 24.0;
/// Length of a legend's line sample [px].
pub const SAMPLE: f64 = 24.0;
/// Gap between a legend sample and its label, and around entries [px].
pub const GAP: f64 = 6.0;
/// Gap between legend entries [px].
pub const ENTRY_GAP: f64 = 16.0;
/// Left and right inset of the header [px].
pub const INSET: f64 = 10.0;
/// Title font size [px].
pub const TITLE_FONT: f64 = 14.0;
/// Tick, axis and legend font size [px].
pub const FONT: f64 = 12.0;
/// Curve width [px].
pub const STROKE: f64 = 2.0;
