//! Which model a scenario is: the enum the rest of the house names. What each model is (its
//! id, label, family, views, exports and defaults) is its row in [`super::models::MODELS`].

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
    /// Biophysical Izhikevich mean field with distributed background currents (Gast, Solla &
    /// Kennedy; PyRates `ik_eta`).
    IzhEta,
}

impl ModelKind {
    /// Every model, in menu order.
    pub const ALL: [Self; 7] = [
        Self::Adex,
        Self::Izhikevich,
        Self::Qif,
        Self::QifSfa,
        Self::IzhCc,
        Self::IzhGsk,
        Self::IzhEta,
    ];
}
