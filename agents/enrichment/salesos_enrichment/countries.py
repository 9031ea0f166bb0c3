"""ISO 3166-1 alpha-2 codes and common spellings to English country names (the contract's form)."""

from __future__ import annotations

_CODES = (
    "AD Andorra|AE United Arab Emirates|AF Afghanistan|AG Antigua and Barbuda|AL Albania|AM Armenia|AO Angola|"
    "AR Argentina|AT Austria|AU Australia|AZ Azerbaijan|BA Bosnia and Herzegovina|BB Barbados|BD Bangladesh|"
    "BE Belgium|BF Burkina Faso|BG Bulgaria|BH Bahrain|BI Burundi|BJ Benin|BN Brunei|BO Bolivia|BR Brazil|"
    "BS Bahamas|BT Bhutan|BW Botswana|BY Belarus|BZ Belize|CA Canada|CD Democratic Republic of the Congo|"
    "CF Central African Republic|CG Republic of the Congo|CH Switzerland|CI Ivory Coast|CL Chile|CM Cameroon|"
    "CN China|CO Colombia|CR Costa Rica|CU Cuba|CV Cape Verde|CY Cyprus|CZ Czechia|DE Germany|DJ Djibouti|"
    "DK Denmark|DM Dominica|DO Dominican Republic|DZ Algeria|EC Ecuador|EE Estonia|EG Egypt|ER Eritrea|ES Spain|"
    "ET Ethiopia|FI Finland|FJ Fiji|FR France|GA Gabon|GB United Kingdom|GD Grenada|GE Georgia|GH Ghana|"
    "GM Gambia|GN Guinea|GQ Equatorial Guinea|GR Greece|GT Guatemala|GW Guinea-Bissau|GY Guyana|HK Hong Kong|"
    "HN Honduras|HR Croatia|HT Haiti|HU Hungary|ID Indonesia|IE Ireland|IL Israel|IN India|IQ Iraq|IR Iran|"
    "IS Iceland|IT Italy|JM Jamaica|JO Jordan|JP Japan|KE Kenya|KG Kyrgyzstan|KH Cambodia|KN Saint Kitts and Nevis|"
    "KR South Korea|KW Kuwait|KZ Kazakhstan|LA Laos|LB Lebanon|LC Saint Lucia|LI Liechtenstein|LK Sri Lanka|"
    "LR Liberia|LS Lesotho|LT Lithuania|LU Luxembourg|LV Latvia|LY Libya|MA Morocco|MC Monaco|MD Moldova|"
    "ME Montenegro|MG Madagascar|MK North Macedonia|ML Mali|MM Myanmar|MN Mongolia|MO Macao|MR Mauritania|MT Malta|"
    "MU Mauritius|MV Maldives|MW Malawi|MX Mexico|MY Malaysia|MZ Mozambique|NA Namibia|NE Niger|NG Nigeria|"
    "NI Nicaragua|NL Netherlands|NO Norway|NP Nepal|NZ New Zealand|OM Oman|PA Panama|PE Peru|PG Papua New Guinea|"
    "PH Philippines|PK Pakistan|PL Poland|PR Puerto Rico|PS Palestine|PT Portugal|PY Paraguay|QA Qatar|RO Romania|"
    "RS Serbia|RU Russia|RW Rwanda|SA Saudi Arabia|SC Seychelles|SD Sudan|SE Sweden|SG Singapore|SI Slovenia|"
    "SK Slovakia|SL Sierra Leone|SM San Marino|SN Senegal|SO Somalia|SR Suriname|SV El Salvador|SY Syria|"
    "SZ Eswatini|TD Chad|TG Togo|TH Thailand|TJ Tajikistan|TM Turkmenistan|TN Tunisia|TR Turkey|"
    "TT Trinidad and Tobago|TW Taiwan|TZ Tanzania|UA Ukraine|UG Uganda|US United States|UY Uruguay|UZ Uzbekistan|"
    "VE Venezuela|VN Vietnam|YE Yemen|ZA South Africa|ZM Zambia|ZW Zimbabwe"
)
BY_CODE: dict[str, str] = {item[:2]: item[3:] for item in _CODES.split("|")}
_ALIASES = {
    "usa": "United States", "u.s.a": "United States", "u.s": "United States", "u.k": "United Kingdom",
    "united states of america": "United States",
    "us": "United States", "uk": "United Kingdom", "great britain": "United Kingdom", "england": "United Kingdom",
    "scotland": "United Kingdom", "wales": "United Kingdom", "deutschland": "Germany", "the netherlands": "Netherlands",
    "holland": "Netherlands", "españa": "Spain", "österreich": "Austria", "schweiz": "Switzerland",
    "suisse": "Switzerland", "czech republic": "Czechia", "republic of korea": "South Korea", "korea": "South Korea",
    "türkiye": "Turkey", "uae": "United Arab Emirates", "russian federation": "Russia", "italia": "Italy",
    "brasil": "Brazil", "méxico": "Mexico", "polska": "Poland", "sverige": "Sweden", "norge": "Norway",
    "danmark": "Denmark", "suomi": "Finland", "éire": "Ireland",
}
_BY_NAME = {name.lower(): name for name in BY_CODE.values()} | _ALIASES


def country_name(value: str) -> str | None:
    """'DE', 'de', 'Germany', 'Deutschland' -> 'Germany'; unknown -> None (never a guess)."""
    text = " ".join(value.split()).strip().rstrip(".")
    if not text:
        return None
    if len(text) == 2 and text.isalpha():
        return BY_CODE.get(text.upper()) or _BY_NAME.get(text.lower())
    if len(text) == 3 and text.upper() in ("USA", "GBR", "DEU", "FRA", "NLD", "CHE", "AUT", "ESP", "ITA", "CAN"):
        return {"USA": "United States", "GBR": "United Kingdom", "DEU": "Germany", "FRA": "France",
                "NLD": "Netherlands", "CHE": "Switzerland", "AUT": "Austria", "ESP": "Spain", "ITA": "Italy",
                "CAN": "Canada"}[text.upper()]
    return _BY_NAME.get(text.lower())
