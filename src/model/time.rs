//! Calendar dates and retention periods, written in project files as plain strings
//! (`"2026-03-01"`, `"13 months"`, `"30 days"`) so that people can read and type them.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A calendar date (`YYYY-MM-DD`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    pub fn new(year: u16, month: u8, day: u8) -> Result<Self, String> {
        if !(1..=12).contains(&month) {
            return Err(format!("month {month} is not between 01 and 12"));
        }
        let leap =
            (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
        let days = match month {
            2 if leap => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        };
        if day == 0 || day > days {
            return Err(format!("day {day} does not exist in {year:04}-{month:02}"));
        }
        Ok(Self { year, month, day })
    }
}

impl Date {
    /// Today's date (UTC) by the system clock; `None` when the clock is set outside the range
    /// a date can hold. The one place capimap asks the clock for the date.
    pub fn today() -> Option<Self> {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0);
        Self::from_unix_days(secs.div_euclid(86_400))
    }

    /// The date `days` days after 1970-01-01 (proleptic Gregorian calendar).
    pub fn from_unix_days(days: i64) -> Option<Self> {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Date::new(
            u16::try_from(year).ok()?,
            u8::try_from(month).ok()?,
            u8::try_from(day).ok()?,
        )
        .ok()
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl FromStr for Date {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || format!("'{}' is not a date of the form YYYY-MM-DD", shorten(s));
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return Err(bad());
        }
        let num = |r: std::ops::Range<usize>| -> Result<u16, String> {
            let part = &s[r];
            if !part.bytes().all(|c| c.is_ascii_digit()) {
                return Err(bad());
            }
            part.parse::<u16>().map_err(|_| bad())
        };
        let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
        Date::new(y, m as u8, d as u8)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// The unit of a [`Period`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PeriodUnit {
    Minutes,
    Hours,
    Days,
    Weeks,
    Months,
    Years,
}

impl PeriodUnit {
    /// Length of one unit in minutes; months and years are averaged (30.44 and 365.25 days),
    /// which is what comparing retention periods needs.
    fn minutes(self) -> u64 {
        match self {
            PeriodUnit::Minutes => 1,
            PeriodUnit::Hours => 60,
            PeriodUnit::Days => 1_440,
            PeriodUnit::Weeks => 10_080,
            PeriodUnit::Months => 43_830,
            PeriodUnit::Years => 525_960,
        }
    }

    fn name(self, plural: bool) -> &'static str {
        match (self, plural) {
            (PeriodUnit::Minutes, false) => "minute",
            (PeriodUnit::Minutes, true) => "minutes",
            (PeriodUnit::Hours, false) => "hour",
            (PeriodUnit::Hours, true) => "hours",
            (PeriodUnit::Days, false) => "day",
            (PeriodUnit::Days, true) => "days",
            (PeriodUnit::Weeks, false) => "week",
            (PeriodUnit::Weeks, true) => "weeks",
            (PeriodUnit::Months, false) => "month",
            (PeriodUnit::Months, true) => "months",
            (PeriodUnit::Years, false) => "year",
            (PeriodUnit::Years, true) => "years",
        }
    }
}

/// A length of time: a retention limit, a batch interval, an event window.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Period {
    pub amount: u32,
    pub unit: PeriodUnit,
}

impl Period {
    pub const fn new(amount: u32, unit: PeriodUnit) -> Self {
        Self { amount, unit }
    }

    pub const fn days(amount: u32) -> Self {
        Self::new(amount, PeriodUnit::Days)
    }

    pub const fn months(amount: u32) -> Self {
        Self::new(amount, PeriodUnit::Months)
    }

    /// The approximate length in minutes, for comparing periods of different units.
    pub fn as_minutes(&self) -> u64 {
        u64::from(self.amount) * self.unit.minutes()
    }
}

impl PartialOrd for Period {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Period {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.as_minutes()
            .cmp(&other.as_minutes())
            .then(self.unit.cmp(&other.unit))
            .then(self.amount.cmp(&other.amount))
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.amount, self.unit.name(self.amount != 1))
    }
}

impl FromStr for Period {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || {
            format!(
                "'{}' is not a period such as \"30 days\", \"6 hours\" or \"13 months\"",
                shorten(s)
            )
        };
        let mut parts = s.split_whitespace();
        let (Some(n), Some(u), None) = (parts.next(), parts.next(), parts.next()) else {
            return Err(bad());
        };
        let amount: u32 = n.parse().map_err(|_| bad())?;
        let unit = match u.to_ascii_lowercase().as_str() {
            "minute" | "minutes" | "min" => PeriodUnit::Minutes,
            "hour" | "hours" | "h" => PeriodUnit::Hours,
            "day" | "days" | "d" => PeriodUnit::Days,
            "week" | "weeks" => PeriodUnit::Weeks,
            "month" | "months" => PeriodUnit::Months,
            "year" | "years" => PeriodUnit::Years,
            _ => return Err(bad()),
        };
        Ok(Self { amount, unit })
    }
}

impl Serialize for Period {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Period {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// A value quoted in an error message: at most 30 characters of it.
fn shorten(s: &str) -> String {
    super::shown::shown(s, 30)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_parse_validate_and_print() {
        let d: Date = "2024-02-29".parse().unwrap();
        assert_eq!(d.to_string(), "2024-02-29");
        assert!("2023-02-29".parse::<Date>().is_err());
        assert!("2023-13-01".parse::<Date>().is_err());
        assert!("2023-1-01".parse::<Date>().is_err());
        assert!("yesterday".parse::<Date>().is_err());
    }

    #[test]
    fn dates_from_unix_days() {
        assert_eq!(Date::from_unix_days(0).unwrap().to_string(), "1970-01-01");
        assert_eq!(
            Date::from_unix_days(20_783).unwrap().to_string(),
            "2026-11-26"
        );
        assert_eq!(
            Date::from_unix_days(11_016).unwrap().to_string(),
            "2000-02-29"
        );
    }

    #[test]
    fn periods_parse_print_and_compare_across_units() {
        let p: Period = "13 months".parse().unwrap();
        assert_eq!(p.to_string(), "13 months");
        assert_eq!("1 day".parse::<Period>().unwrap().to_string(), "1 day");
        assert!("2 years".parse::<Period>().unwrap() > p);
        assert!("400 days".parse::<Period>().unwrap() > "1 year".parse().unwrap());
        assert!("24 hours".parse::<Period>().unwrap() < "2 days".parse().unwrap());
        assert!("soon".parse::<Period>().is_err());
        assert!("3 fortnights".parse::<Period>().is_err());
    }
}
