//! The models the product knows: their ids (the `model` key), labels and families.

use crate::lorentz::Family;

/// The `coeffs` value of a set fitted for the scenario's own cells (in the page's worker, or by
/// the CLI before it runs): deterministic, so a link with it reproduces the fit.
pub const REFIT: &str = "refit";

/// The models the product knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ModelKind {
    /// Conductance-based AdEx mean field with adaptation (di Volo et al. 2019).
    Adex,
    /// Conductance-based Izhikevich (adaptive QIF) mean field (Alexandersen et al. 2023).
    Izhikevich,
    /// QIF mean field (Montbrió, Pazó & Roxin 2015).
    Qif,
    /// QIF with spike-frequency adaptation (Gast, Schmidt & Knösche 2020).
    QifSfa,
    /// Dimensionless Izhikevich mean field (Chen & Campbell 2022).
    IzhCc,
    /// Biophysical Izhikevich mean field with distributed thresholds (Gast, Solla & Kennedy).
    IzhGsk,
}

impl ModelKind {
    /// Every model, in menu order.
    pub const ALL: [Self; 6] = [
        Self::Adex,
        Self::Izhikevich,
        Self::Qif,
        Self::QifSfa,
        Self::IzhCc,
        Self::IzhGsk,
    ];

    /// Id used in URLs, JSON and the CLI.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Adex => "adex",
            Self::Izhikevich => "izhikevich",
            Self::Qif => "qif",
            Self::QifSfa => "qif_sfa",
            Self::IzhCc => "izh_cc",
            Self::IzhGsk => "izh_gsk",
        }
    }

    /// Human-readable name with its reference.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Adex => "AdEx mean field with adaptation (di Volo et al. 2019)",
            Self::Izhikevich => {
                "Izhikevich (adaptive QIF) conductance mean field (Alexandersen et al. 2023)"
            }
            Self::Qif => "QIF exact mean field (Montbrió, Pazó & Roxin 2015)",
            Self::QifSfa => "QIF with spike-frequency adaptation (Gast et al. 2020)",
            Self::IzhCc => "Izhikevich exact mean field, dimensionless (Chen & Campbell 2022)",
            Self::IzhGsk => "Izhikevich with distributed thresholds (Gast, Solla & Kennedy)",
        }
    }

    /// The exact (Lorentzian) family of this model, if it is one.
    #[must_use]
    pub fn family(self) -> Option<Family> {
        match self {
            Self::Adex | Self::Izhikevich => None,
            Self::Qif => Some(Family::Qif),
            Self::QifSfa => Some(Family::QifSfa),
            Self::IzhCc => Some(Family::Cc),
            Self::IzhGsk => Some(Family::Gsk),
        }
    }

    /// Parses a [`ModelKind::name`].
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.name() == name)
    }
}
