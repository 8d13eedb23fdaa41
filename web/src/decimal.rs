//! Float formatting through JavaScript's `Number`, with Rust's output.
//!
//! Rust's float `Display` (Grisu with a Dragon fallback, shortest and exact modes) is about
//! 13 KB of wasm; the browser already has both algorithms. These functions give exactly what
//! `format!("{v}")` and `format!("{v:.N}")` give: the JavaScript results are corrected where
//! the two languages differ (exponent notation, negative zero, non-finite values, and exact
//! ties, which Rust rounds to even and `toFixed` away from zero). Native builds (the unit tests)
//! use Rust's own formatting.

/// `format!("{v}")`: the shortest decimal that reads back as `v`, never in exponent notation.
pub fn plain(v: f64) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        if !v.is_finite() {
            return non_finite(v);
        }
        let digits = String::from(
            js_sys::Number::from(v.abs())
                .to_string_with_radix(10)
                .unwrap_or_else(|_| "0".into()),
        );
        let mut out = sign(v);
        out.push_str(&expand(&digits));
        out
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        v.to_string()
    }
}

/// `format!("{v:.digits$}")`: `digits` decimals, exact ties rounded to even as Rust does.
pub fn fixed(v: f64, digits: u8) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        if !v.is_finite() {
            return non_finite(v);
        }
        let a = v.abs();
        let mut body = if a >= 1e21 {
            // toFixed switches to exponent notation here; such floats are integers, printed whole.
            let whole = js_sys::BigInt::new(&wasm_bindgen::JsValue::from_f64(a))
                .ok()
                .and_then(|b| b.to_string(10).ok())
                .map(String::from)
                .unwrap_or_default();
            let mut s = whole;
            if digits > 0 {
                s.push('.');
                s.extend(std::iter::repeat_n('0', usize::from(digits)));
            }
            s
        } else {
            String::from(
                js_sys::Number::from(a)
                    .to_fixed(digits)
                    .unwrap_or_else(|_| "0".into()),
            )
        };
        // An exact tie: `a * 2^(digits+1)` (exact, a power of two) is an odd integer. toFixed then
        // picked the larger neighbour; Rust picks the even one, one unit lower when that is odd.
        let scaled = a * 2f64.powi(i32::from(digits) + 1);
        if a < 1e21 && scaled.fract() == 0.0 && scaled % 2.0 == 1.0 {
            if let Some(last) = body.pop() {
                let d = last as u8;
                body.push(if (d - b'0') % 2 == 1 {
                    char::from(d - 1)
                } else {
                    last
                });
            }
        }
        let mut out = sign(v);
        out.push_str(&body);
        out
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        format!("{v:.*}", usize::from(digits))
    }
}

/// Rust prints a minus for every negative value, negative zero included.
#[cfg(target_arch = "wasm32")]
fn sign(v: f64) -> String {
    if v.is_sign_negative() {
        "-".into()
    } else {
        String::new()
    }
}

#[cfg(target_arch = "wasm32")]
fn non_finite(v: f64) -> String {
    if v.is_nan() {
        "NaN".into()
    } else if v > 0.0 {
        "inf".into()
    } else {
        "-inf".into()
    }
}

/// JavaScript's `1.5e-7` / `1e+21` written out in full (`0.00000015`, `1000000000000000000000`),
/// as Rust's `Display` does; anything without an exponent is returned as it is.
#[cfg(target_arch = "wasm32")]
fn expand(js: &str) -> String {
    let Some((mantissa, exp)) = js.split_once('e') else {
        return js.to_string();
    };
    let exp: i32 = exp.trim_start_matches('+').parse().unwrap_or(0);
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = format!("{int}{frac}");
    // Where the decimal point goes, counted in digits from the left of `digits`.
    let point = int.len() as i32 + exp;
    if point <= 0 {
        let mut s = String::from("0.");
        s.extend(std::iter::repeat_n('0', (-point) as usize));
        s.push_str(&digits);
        s
    } else if point as usize >= digits.len() {
        let mut s = digits.clone();
        s.extend(std::iter::repeat_n('0', point as usize - digits.len()));
        s
    } else {
        let (a, b) = digits.split_at(point as usize);
        format!("{a}.{b}")
    }
}

/// `s.parse::<f64>()`: Rust's grammar (no whitespace; `inf`, `infinity` and `nan` in any case;
/// `1.`, `.5`, `1e5` with an optional sign) checked here, the correctly rounded value from the
/// browser's `parseFloat`, which rounds as Rust does and spares the ~15 KB of tables and code
/// behind Rust's own parser.
pub fn parse(s: &str) -> Result<f64, ()> {
    #[cfg(target_arch = "wasm32")]
    {
        let (neg, body) = match s.as_bytes().first() {
            Some(b'-') => (true, &s[1..]),
            Some(b'+') => (false, &s[1..]),
            _ => (false, s),
        };
        let special = if body.eq_ignore_ascii_case("inf") || body.eq_ignore_ascii_case("infinity") {
            Some(f64::INFINITY)
        } else if body.eq_ignore_ascii_case("nan") {
            Some(f64::NAN)
        } else {
            None
        };
        if let Some(v) = special {
            return Ok(if neg { -v } else { v });
        }
        if !is_decimal(body) {
            return Err(());
        }
        Ok(js_sys::Number::parse_float(s))
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        s.parse::<f64>().map_err(|_| ())
    }
}

/// `Digit+ | Digit+ '.' Digit* | Digit* '.' Digit+`, then an optional `e`/`E`, sign and digits.
#[cfg(target_arch = "wasm32")]
fn is_decimal(s: &str) -> bool {
    let b = s.as_bytes();
    let digits = |from: usize| b[from..].iter().take_while(|c| c.is_ascii_digit()).count();
    let int = digits(0);
    let mut i = int;
    let mut frac = 0;
    if b.get(i) == Some(&b'.') {
        frac = digits(i + 1);
        i += 1 + frac;
    }
    if int + frac == 0 {
        return false;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let exp = digits(i);
        if exp == 0 {
            return false;
        }
        i += exp;
    }
    i == b.len()
}
