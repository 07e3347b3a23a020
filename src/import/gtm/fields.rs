//! The fields an import can create, each once, and the names under which tags, event data and
//! the platforms know them.

use crate::model::Identifiability::{
    self, DirectIdentifier, Indirect, NotPersonal, PseudonymousId,
};

/// A field an import can create.
pub struct FieldDef {
    pub id: &'static str,
    pub label: &'static str,
    pub category: &'static str,
    pub identifiability: Identifiability,
    pub cookie: Option<&'static str>,
    pub description: &'static str,
}

const fn f(
    id: &'static str,
    label: &'static str,
    category: &'static str,
    identifiability: Identifiability,
    cookie: Option<&'static str>,
    description: &'static str,
) -> FieldDef {
    FieldDef {
        id,
        label,
        category,
        identifiability,
        cookie,
        description,
    }
}

pub const FIELDS: &[FieldDef] = &[
    f(
        "email",
        "E-mail address",
        "user.contact.email",
        DirectIdentifier,
        None,
        "",
    ),
    f(
        "phone",
        "Phone number",
        "user.contact.phone_number",
        DirectIdentifier,
        None,
        "",
    ),
    f(
        "first_name",
        "First name",
        "user.name.first",
        DirectIdentifier,
        None,
        "",
    ),
    f(
        "last_name",
        "Last name",
        "user.name.last",
        DirectIdentifier,
        None,
        "",
    ),
    f(
        "city",
        "City",
        "user.contact.address.city",
        Indirect,
        None,
        "",
    ),
    f(
        "state",
        "State or region",
        "user.contact.address.state",
        Indirect,
        None,
        "",
    ),
    f(
        "postal_code",
        "Postal code",
        "user.contact.address.postal_code",
        Indirect,
        None,
        "",
    ),
    f(
        "country",
        "Country",
        "user.contact.address.country",
        Indirect,
        None,
        "",
    ),
    f(
        "gender",
        "Gender",
        "user.demographic.gender",
        Indirect,
        None,
        "",
    ),
    f(
        "date_of_birth",
        "Date of birth",
        "user.demographic.date_of_birth",
        Indirect,
        None,
        "",
    ),
    f(
        "external_id",
        "Customer id",
        "user.unique_id",
        PseudonymousId,
        None,
        "",
    ),
    f("job_title", "Job title", "user.account", Indirect, None, ""),
    f(
        "company",
        "Company name",
        "user.account",
        Indirect,
        None,
        "",
    ),
    f(
        "ip_address",
        "IP address",
        "user.device.ip_address",
        Indirect,
        None,
        "",
    ),
    f(
        "user_agent",
        "User agent",
        "capimap.user_agent",
        Indirect,
        None,
        "",
    ),
    f(
        "client_id",
        "Analytics client id",
        "user.unique_id.pseudonymous",
        PseudonymousId,
        None,
        "The GA4 client id of the browser.",
    ),
    f(
        "event_id",
        "Event id",
        "capimap.event_id",
        NotPersonal,
        None,
        "",
    ),
    f(
        "event_data",
        "Event details",
        "capimap.event_data",
        NotPersonal,
        None,
        "Event parameters and user properties as the website sends them.",
    ),
    f(
        "fbc",
        "Meta click id",
        "capimap.click_id",
        PseudonymousId,
        Some("_fbc"),
        "",
    ),
    f(
        "fbp",
        "Meta browser id",
        "user.device.cookie_id",
        PseudonymousId,
        Some("_fbp"),
        "",
    ),
    f(
        "gtmeec",
        "Meta event enhancement cookie",
        "user.device.cookie",
        PseudonymousId,
        Some("_gtmeec"),
        "Hashed e-mail, phone, name, address, date of birth, gender and external id, kept on the device by the Stape Meta tag (event enhancement).",
    ),
    f(
        "ttclid",
        "TikTok click id",
        "capimap.click_id",
        PseudonymousId,
        Some("ttclid"),
        "",
    ),
    f(
        "ttp",
        "TikTok browser id",
        "user.device.cookie_id",
        PseudonymousId,
        Some("_ttp"),
        "",
    ),
    f(
        "scclid",
        "Snapchat click id",
        "capimap.click_id",
        PseudonymousId,
        Some("_scclid"),
        "",
    ),
    f(
        "scid",
        "Snapchat browser id",
        "user.device.cookie_id",
        PseudonymousId,
        Some("_scid"),
        "",
    ),
    f(
        "epik",
        "Pinterest click id",
        "capimap.click_id",
        PseudonymousId,
        Some("_epik"),
        "",
    ),
    f(
        "li_fat_id",
        "LinkedIn click id",
        "capimap.click_id",
        PseudonymousId,
        Some("li_fat_id"),
        "",
    ),
    f(
        "rdt_cid",
        "Reddit click id",
        "capimap.click_id",
        PseudonymousId,
        Some("_rdt_cid"),
        "",
    ),
    f(
        "rdt_uuid",
        "Reddit browser id",
        "user.device.cookie_id",
        PseudonymousId,
        Some("_rdt_uuid"),
        "",
    ),
    f(
        "twclid",
        "X click id",
        "capimap.click_id",
        PseudonymousId,
        Some("twclid"),
        "",
    ),
    f(
        "msclkid",
        "Microsoft click id",
        "capimap.click_id",
        PseudonymousId,
        Some("uet_msclkid"),
        "",
    ),
    f(
        "uet_vid",
        "Microsoft browser id",
        "user.device.cookie_id",
        PseudonymousId,
        Some("uet_vid"),
        "",
    ),
    f(
        "gclid",
        "Google click id",
        "capimap.click_id",
        PseudonymousId,
        Some("_gcl_aw"),
        "The cookie name _gcl_aw is the one Google's web tags use; that the server container's conversion linker writes the same name is not verified.",
    ),
    f(
        "dcid",
        "Data Client id",
        "user.device.cookie_id",
        PseudonymousId,
        Some("_dcid"),
        "Set by Stape's Data Client.",
    ),
    f(
        "fpid",
        "First-party analytics id",
        "user.device.cookie_id",
        PseudonymousId,
        Some("FPID"),
        "Set by the GA4 client when the server manages the cookie.",
    ),
];

pub fn def(id: &str) -> Option<&'static FieldDef> {
    FIELDS.iter().find(|f| f.id == id)
}

/// The field of a platform parameter by the last part of its wire name (`user_data.em` → em),
/// as the templates name them; `None` when capimap has no field for it.
pub fn for_leaf(leaf: &str) -> Option<&'static str> {
    let l: String = leaf
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    Some(match l.as_str() {
        "em" | "email" | "emailaddress" | "hashedemail" | "sha256email" | "sha256emailaddress" => {
            "email"
        }
        "ph" | "phone" | "phonenumber" | "hashedphonenumber" | "sha256phonenumber" => "phone",
        "fn" | "firstname" | "namefirst" | "sha256firstname" => "first_name",
        "ln" | "lastname" | "namelast" | "sha256lastname" => "last_name",
        "ct" | "city" => "city",
        "st" | "state" | "region" => "state",
        "zp" | "zip" | "zipcode" | "postalcode" => "postal_code",
        "country" | "countrycode" => "country",
        "ge" | "gender" => "gender",
        "db" | "dateofbirth" | "birthday" => "date_of_birth",
        "externalid" | "userid" | "uniqueid" => "external_id",
        "title" | "jobtitle" => "job_title",
        "companyname" => "company",
        "clientipaddress" | "ip" | "ipaddress" | "ipoverride" | "plaintextipaddress" => {
            "ip_address"
        }
        "clientuseragent" | "useragent" => "user_agent",
        "eventid" | "transactionid" => "event_id",
        "fbc" => "fbc",
        "fbp" => "fbp",
        "ttclid" => "ttclid",
        "ttp" => "ttp",
        "scclickid" => "scclid",
        "sccookie1" => "scid",
        "twclid" => "twclid",
        "msclkid" => "msclkid",
        "anonymousid" => "uet_vid",
        "gclid" => "gclid",
        "clientid" => "client_id",
        _ => return None,
    })
}
