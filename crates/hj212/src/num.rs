//! Fast decimal number parsing for CP values (no allocation).

/// A numeric CP value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Number {
    /// Written without `.` or exponent and fits in i64.
    Int(i64),
    /// Anything else that is a finite decimal number.
    Float(f64),
}

impl Number {
    pub fn as_f64(self) -> f64 {
        match self {
            Number::Int(i) => i as f64,
            Number::Float(f) => f,
        }
    }
}

const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// Parse `[+-]digits[.digits][(e|E)[+-]digits]`. Returns `None` for anything else
/// (including `NaN`, `inf`, empty, hex). Exact: the fast path (≤ 15 significant digits,
/// |exponent| ≤ 22) is correctly rounded, everything else goes through `str::parse::<f64>`.
#[inline]
pub fn parse_number(s: &[u8]) -> Option<Number> {
    let n = s.len();
    if n == 0 {
        return None;
    }
    let mut i = 0;
    let neg = match s[0] {
        b'-' => {
            i = 1;
            true
        }
        b'+' => {
            i = 1;
            false
        }
        _ => false,
    };
    let mut mant: u64 = 0;
    let mut digits = 0usize; // significant digits accumulated in mant
    let mut any_digit = false;
    let mut overflow = false;
    while i < n && s[i].is_ascii_digit() {
        any_digit = true;
        if digits < 19 {
            mant = mant * 10 + (s[i] - b'0') as u64;
            if mant != 0 {
                digits += 1;
            }
        } else {
            overflow = true;
        }
        i += 1;
    }
    if i == n {
        if !any_digit {
            return None;
        }
        if !overflow && mant <= i64::MAX as u64 {
            let v = mant as i64;
            return Some(Number::Int(if neg { -v } else { v }));
        }
        return slow(s);
    }
    let mut frac_digits: i32 = 0;
    if s[i] == b'.' {
        i += 1;
        while i < n && s[i].is_ascii_digit() {
            any_digit = true;
            if digits < 19 {
                mant = mant * 10 + (s[i] - b'0') as u64;
                if mant != 0 {
                    digits += 1;
                }
                frac_digits += 1;
            } else {
                overflow = true;
            }
            i += 1;
        }
    }
    if !any_digit {
        return None;
    }
    let mut exp: i32 = 0;
    if i < n {
        if s[i] != b'e' && s[i] != b'E' {
            return None;
        }
        i += 1;
        let eneg = match s.get(i) {
            Some(b'-') => {
                i += 1;
                true
            }
            Some(b'+') => {
                i += 1;
                false
            }
            _ => false,
        };
        let start = i;
        while i < n && s[i].is_ascii_digit() {
            if exp < 10000 {
                exp = exp * 10 + (s[i] - b'0') as i32;
            }
            i += 1;
        }
        if i != n || i == start {
            return None;
        }
        if eneg {
            exp = -exp;
        }
    }
    if overflow || digits > 15 {
        return slow(s);
    }
    let e = exp - frac_digits;
    let m = mant as f64;
    let v = if e == 0 {
        m
    } else if (0..=22).contains(&e) {
        m * POW10[e as usize]
    } else if (-22..0).contains(&e) {
        m / POW10[(-e) as usize]
    } else {
        return slow(s);
    };
    Some(Number::Float(if neg { -v } else { v }))
}

#[cold]
fn slow(s: &[u8]) -> Option<Number> {
    let t = core::str::from_utf8(s).ok()?;
    let v: f64 = t.parse().ok()?;
    v.is_finite().then_some(Number::Float(v))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        assert_eq!(parse_number(b"0"), Some(Number::Int(0)));
        assert_eq!(parse_number(b"-12"), Some(Number::Int(-12)));
        assert_eq!(parse_number(b"1.803"), Some(Number::Float(1.803)));
        assert_eq!(parse_number(b"-0.408594"), Some(Number::Float(-0.408594)));
        assert_eq!(parse_number(b"0.00"), Some(Number::Float(0.0)));
        assert_eq!(parse_number(b"1e-7"), Some(Number::Float(1e-7)));
        assert_eq!(parse_number(b"19796346.00"), Some(Number::Float(19796346.0)));
        assert_eq!(parse_number(b"20160824003817000"), Some(Number::Int(20160824003817000)));
        assert_eq!(parse_number(b"N"), None);
        assert_eq!(parse_number(b"NaN"), None);
        assert_eq!(parse_number(b"inf"), None);
        assert_eq!(parse_number(b""), None);
        assert_eq!(parse_number(b"-"), None);
        assert_eq!(parse_number(b"."), None);
        assert_eq!(parse_number(b"1.2.3"), None);
        assert_eq!(parse_number(b"1e"), None);
        assert_eq!(parse_number(b"0x10"), None);
    }

    #[test]
    fn matches_std_for_many() {
        let cases = [
            "3.14159", "0.1", "123456789012345", "1234567890123456789", "99999999999999999999",
            "0.000000000000000000000001", "1.7976931348623157e308", "5e-324", "12.5e3", "000123.4500",
        ];
        for c in cases {
            let v = parse_number(c.as_bytes()).unwrap().as_f64();
            assert_eq!(v, c.parse::<f64>().unwrap(), "{c}");
        }
    }
}
