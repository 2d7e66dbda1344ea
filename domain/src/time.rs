//! Times as the hall reads them. Stored and sent as RFC 3339 in UTC; shown
//! in Vietnam's time (UTC+7, no summer time), "01/12/2026 17:00". Pure
//! arithmetic: nothing here reads a clock.

/// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date of a day count since 1970-01-01.
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// A local date and time in Vietnam.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Local {
    /// Year.
    pub year: i64,
    /// Month, 1–12.
    pub month: i64,
    /// Day, 1–31.
    pub day: i64,
    /// Hour, 0–23.
    pub hour: i64,
    /// Minute.
    pub minute: i64,
}

impl Local {
    /// "01/12/2026 17:00", as Vietnamese write it.
    pub fn text(self) -> String {
        format!("{:02}/{:02}/{} {:02}:{:02}", self.day, self.month, self.year, self.hour, self.minute)
    }

    /// "2026-12-01T17:00", as a `datetime-local` field takes it.
    pub fn field(self) -> String {
        format!("{}-{:02}-{:02}T{:02}:{:02}", self.year, self.month, self.day, self.hour, self.minute)
    }
}

/// An RFC 3339 time (any offset) in Vietnam's time; `None` if unreadable.
pub fn vietnam(rfc3339: &str) -> Option<Local> {
    let b = rfc3339.trim();
    let num = |r: std::ops::Range<usize>| b.get(r).and_then(|x| x.parse::<i64>().ok());
    let (y, mo, d, h, mi, s) = (num(0..4)?, num(5..7)?, num(8..10)?, num(11..13)?, num(14..16)?, num(17..19)?);
    if !matches!(b.as_bytes().get(10), Some(b'T' | b't' | b' ')) {
        return None;
    }
    // The offset comes after the seconds and any fraction.
    let rest = &b[19..];
    let rest = rest.trim_start_matches(|c: char| c == '.' || c.is_ascii_digit());
    let offset = match rest {
        "Z" | "z" => 0,
        o if o.len() == 6 => {
            let sign = if o.starts_with('-') { -1 } else { 1 };
            sign * (o.get(1..3)?.parse::<i64>().ok()? * 60 + o.get(4..6)?.parse::<i64>().ok()?)
        }
        _ => return None,
    };
    let utc_minutes = (days_from_civil(y, mo, d) * 24 + h) * 60 + mi - offset + s / 60;
    let local = utc_minutes + 7 * 60;
    let (year, month, day) = civil_from_days(local.div_euclid(1440));
    let m = local.rem_euclid(1440);
    Some(Local { year, month, day, hour: m / 60, minute: m % 60 })
}

/// A UTC RFC 3339 time with milliseconds ("2026-12-07T05:00:00.250Z", as
/// a countdown's end travels) as Unix milliseconds; `None` if unreadable.
pub fn unix_ms(rfc3339: &str) -> Option<i64> {
    let b = rfc3339.trim().strip_suffix('Z')?;
    let num = |r: std::ops::Range<usize>| b.get(r).and_then(|x| x.parse::<i64>().ok());
    let (y, mo, d, h, mi, s) = (num(0..4)?, num(5..7)?, num(8..10)?, num(11..13)?, num(14..16)?, num(17..19)?);
    let fraction = b.get(19..).unwrap_or("");
    let ms = match fraction.strip_prefix('.') {
        Some(f) if !f.is_empty() => format!("{f:0<3}").get(..3)?.parse::<i64>().ok()?,
        Some(_) => return None,
        None if fraction.is_empty() => 0,
        None => return None,
    };
    Some(((days_from_civil(y, mo, d) * 24 + h) * 60 + mi) * 60_000 + s * 1000 + ms)
}

/// Seconds since the Unix epoch as RFC 3339 in UTC: "2026-12-01T10:00:00Z".
pub fn utc(unix_seconds: i64) -> String {
    let (y, m, d) = civil_from_days(unix_seconds.div_euclid(86_400));
    let s = unix_seconds.rem_euclid(86_400);
    format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z", s / 3600, s / 60 % 60, s % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utc_reads_as_the_halls_time() {
        let l = vietnam("2026-11-30T20:15:00.000Z").unwrap();
        assert_eq!(l.text(), "01/12/2026 03:15");
        assert_eq!(l.field(), "2026-12-01T03:15");
        assert_eq!(vietnam("2026-12-01T17:00:00+07:00").unwrap().text(), "01/12/2026 17:00");
        assert_eq!(vietnam("2024-02-28T20:00:00-05:00").unwrap().text(), "29/02/2024 08:00");
        assert_eq!(vietnam("hôm qua"), None);
        assert_eq!(utc(1_796_119_200), "2026-12-01T10:00:00Z");
        assert_eq!(vietnam(&utc(1_796_119_200)).unwrap().text(), "01/12/2026 17:00");
        assert_eq!(unix_ms("2026-12-01T10:00:00.250Z"), Some(1_796_119_200_250));
        assert_eq!(unix_ms(&utc(1_796_119_200)), Some(1_796_119_200_000));
        assert_eq!(unix_ms("2026-12-01T10:00:00+07:00"), None);
    }

    #[test]
    fn day_counts_round_trip() {
        for days in [-800_000, -1, 0, 1, 19_000, 20_000, 2_000_000] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
    }
}
