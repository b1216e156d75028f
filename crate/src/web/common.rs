//! What every shim shares: the panic hook (a panic leaves its message for the page), the
//! module's memory, and errors as JavaScript errors.

use crate::Error;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

thread_local! {
    static PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// The message of a panic, if the module has panicked (the page shows it with a reload action).
#[wasm_bindgen]
pub fn panic_message() -> Option<String> {
    PANIC.with(|p| p.borrow().clone())
}

/// Memory of this wasm instance (the page's or a worker's) [bytes]; it never shrinks, so a
/// flat figure over a long session means no leak.
#[wasm_bindgen(js_name = wasmMemoryBytes)]
#[must_use]
pub fn memory_bytes() -> f64 {
    (core::arch::wasm32::memory_size::<0>() * 65_536) as f64
}

/// Panics on purpose, so that the page's internal-error path (the message and the reload or
/// restart action) can be tested; `place` names the caller. Touches no state.
#[wasm_bindgen(js_name = simulatePanic)]
pub fn simulate_panic(place: &str) {
    install_panic_hook();
    panic!("simulated internal error in the {place}, as asked by simulatePanic");
}

/// Keeps a panic's message for [`panic_message`] and logs it.
pub(super) fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let msg = info.to_string();
        web_sys::console::error_1(&JsValue::from_str(&msg));
        PANIC.with(|p| *p.borrow_mut() = Some(msg));
    }));
}

/// An error as a JavaScript `Error` with its message.
pub(super) fn js_err(e: Error) -> JsError {
    JsError::new(&e.to_string())
}
