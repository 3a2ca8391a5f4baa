#!/usr/bin/env python3
"""Build corpus/actors.tsv, Dossier's actor gazetteer.

Countries come from three public sources (see corpus/README.md for licences):
  * world-countries 5.1.0 (ODbL-1.0): names, alternative spellings, demonyms, capitals;
  * Debian iso-codes 4.15.0 (LGPL-2.1+): ISO 3166-1 names, ISO 3166-3 former countries;
  * PETRARCH2 Phoenix dictionaries (MIT): country synonyms such as `+S._KOREA` or `+SEOUL_`.
Everything else (ministries, militaries, organisations, groups, people, and the corrections
that keep country aliases safe in running English text) is curated in this file.

Usage:  scripts/build_gazetteer.py [--data DIR] [--out FILE] [--check]
  --data   folder with petrarch2/, iso-codes/, world-countries/ (default: ../shared/data/actors
           next to the repository)
  --out    output file (default: corpus/actors.tsv in the repository)
  --check  exit 1 when the output file differs from what would be written (for CI)

Lines that users add by hand after the `LOCAL_MARKER` line of an existing output file are
kept verbatim when the file is rebuilt.

Python 3 standard library only.
"""

import argparse
import json
import re
import sys
import unicodedata
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "data" / "actors"
DEFAULT_OUT = REPO / "corpus" / "actors.tsv"
# Forms that deliberately name several actors, and the actors they name (form_key -> ids). Bare
# "Korea" names the peninsula, so it tags both states: in the SOTU addresses of 1950-53 "Korea"
# is the war with the North as much as the South.
SHARED_ALIASES = {}  # filled below, once form_key is defined

LOCAL_MARKER = "# ---- local additions: lines below this one are kept when the file is rebuilt ----"
TYPES = ("country", "former_country", "government", "military", "ministry", "organisation",
         "alliance", "person", "group")

# --------------------------------------------------------------------------------------------
# Curated corrections for countries.
# --------------------------------------------------------------------------------------------

# Display names when the world-countries common name is not what English news writes.
NAME_OVERRIDES = {
    "UNK": "Kosovo",
}

# Ids that are not ISO 3166-1 alpha-3 codes.
ID_OVERRIDES = {"UNK": "XKX"}  # world-countries uses UNK; XKX is the EU/IMF user-assigned code.

# Forms never used as aliases, whatever the source: they are ordinary English words, first
# names, other places, or ambiguous between several actors. Compared case-insensitively.
UNSAFE_FORMS = {
    # ordinary words / names
    "island", "mann", "man", "timor", "guiana", "lao", "viti",
    "prathet", "sarnam", "naoero", "belau", "sakartvelo", "hayastan", "nippon", "nihon",
    "emirates", "indian", "indians", "american islander", "channel islander", "virgin islander",
    "congolese", "dominican", "congo", "virgin islands", "samoan", "kittitian or nevisian",
    "korean", "koreans", "cook islander", "french", "dutch", "norwegian",
    # capitals that are also common names, other cities, or ambiguous metonyms
    "hamilton", "kingston", "georgetown", "george town", "victoria", "city of victoria",
    "san jose", "san josé", "st. george's", "saint john's", "jamestown", "plymouth", "stanley",
    "douglas", "the valley", "west island", "flying fish cove", "saint-denis", "saint-pierre",
    "king edward point", "brussels", "malé", "male", "sucre", "sofia", "nassau", "jerusalem",
    "oranjestad", "kralendijk", "the bottom", "bloemfontein", "cape town", "lobamba", "yaren",
    "south tarawa", "fakaofo", "saint helier", "st. peter port", "basse-terre", "marigot",
    "gustavia", "road town", "cockburn town", "charlotte amalie", "adamstown", "avarua",
    "alofi", "mata-utu", "hagåtña", "saipan", "pago pago", "mamoudzou", "cayenne",
    "longyearbyen", "mariehamn", "port-aux-français", "diego garcia", "el aaiún",
    "ngerulmud", "palikir", "majuro", "funafuti", "kingstown", "basseterre", "castries",
    "washington d.c.", "city of san marino", "panama city", "st. helier", "st. john's",
    "st. georges", "grand port", "zealand", "saint. lucia", "s lanka", "san juan",
    "new guinea papua", "c'ote d'ivoire", "t'aiwan", "u.k.g.b.n.i.",
}

# Demonyms added by hand (world-countries has odd spellings for a few), and plural forms that
# do not follow the +s rule.
EXTRA_DEMONYMS = {
    "USA": ["American", "Americans"],
    "FRA": ["French"],
    "NLD": ["Dutch"],
    "NOR": ["Norwegian", "Norwegians"],
    "KGZ": ["Kyrgyz"],
    "TJK": ["Tajik", "Tajiks"],
    "ECU": ["Ecuadorian", "Ecuadorians"],
    "CPV": ["Cape Verdean", "Cape Verdeans"],
    "MDV": ["Maldivian", "Maldivians"],
    "PHL": ["Filipinos", "Philippine"],
    "GBR": ["Briton", "Britons"],
    "UZB": ["Uzbek", "Uzbeks"],
    "KAZ": ["Kazakh", "Kazakhs"],
    "AZE": ["Azeri", "Azeris"],
    "SVN": ["Slovenian", "Slovenians"],
    "SAU": ["Saudi", "Saudis"],
    "ARE": ["Emirati", "Emiratis"],
    "TWN": ["Taiwanese"],
    "KOR": ["South Koreans"],
    "PRK": ["North Koreans"],
    "NZL": ["New Zealanders"],
    "BIH": ["Bosnians"],
    "ESP": ["Spaniard", "Spaniards"],
    "DNK": ["Danes"],
    "SWE": ["Swedes"],
    "FIN": ["Finns"],
    "TUR": ["Turks"],
    "ISL": ["Icelanders"],
    "IRL": ["Irishman"],
}
NO_PLURAL = {"swiss", "french", "british", "dutch", "irish", "danish", "finnish", "polish",
             "spanish", "swedish", "turkish", "english", "welsh", "scottish", "malagasy",
             "burmese", "chinese", "japanese", "vietnamese", "lebanese", "sudanese",
             "philippine", "argentine", "kirghiz", "tadzhik", "motswana", "mosotho",
             "vatican", "burkinabe", "antarctican"}

# Aliases added by hand to countries: current and historical names, common abbreviations,
# capital metonyms that world-countries spells differently. Never bare words that are common
# English words (the matcher's case rules cannot save `Chad` the first name; its context rules
# can, see core/src/actors.cpp).
EXTRA_ALIASES = {
    "USA": ["US", "U.S.", "USA", "U.S.A.", "United States", "United States of America",
            "America", "Washington", "Washington, D.C.", "Washington D.C.", "Washington DC",
            "US government", "U.S. government", "United States government",
            "American government", "U.S.G.", "USG"],
    "GBR": ["UK", "U.K.", "Britain", "Great Britain", "England", "British", "United Kingdom",
            "United Kingdom of Great Britain and Northern Ireland", "London"],
    "KOR": ["Korea", "ROK", "R.O.K.", "Republic of Korea", "South Korea", "S. Korea",
            "South Korean", "Seoul"],
    "PRK": ["Korea", "North Korea", "N. Korea", "DPRK", "D.P.R.K.",
            "Democratic People's Republic of Korea", "North Korean", "Pyongyang"],
    "CHN": ["PRC", "P.R.C.", "People's Republic of China", "Chinese", "Beijing", "Peking",
            "Mainland China", "Communist China", "Red China"],
    "TWN": ["Taiwan", "Taiwanese", "Taipei", "Republic of China", "Formosa", "Chinese Taipei"],
    "JPN": ["Imperial Japan", "Empire of Japan"],
    "RUS": ["Russian Federation", "Kremlin", "Russian Empire", "Tsarist Russia"],
    "UKR": ["Kyiv", "Kiev", "Ukrainians"],
    "DEU": ["Federal Republic of Germany", "Nazi Germany", "Third Reich", "Weimar Germany",
            "Weimar Republic", "Germans"],
    "IRN": ["Persia", "Islamic Republic of Iran", "Iranians"],
    "MMR": ["Burma", "Burmese"],
    "THA": ["Siam", "Thais"],
    "LKA": ["Ceylon"],
    "KHM": ["Kampuchea", "Democratic Kampuchea"],
    "ETH": ["Abyssinia"],
    "COD": ["Zaire", "Democratic Republic of the Congo", "Democratic Republic of Congo", "DRC",
            "DR Congo", "Congo-Kinshasa"],
    "COG": ["Republic of the Congo", "Congo-Brazzaville"],
    "BEN": ["Dahomey"],
    "BFA": ["Upper Volta"],
    "TLS": ["East Timor", "Timor-Leste"],
    "SWZ": ["Swaziland"],
    "MKD": ["Macedonia", "Former Yugoslav Republic of Macedonia", "FYROM"],
    "NLD": ["Holland", "The Netherlands", "Netherlands"],
    "CZE": ["Czech Republic", "Czechs"],
    "VNM": ["Viet Nam", "Hanoi", "Socialist Republic of Vietnam"],
    "ARE": ["UAE", "U.A.E.", "United Arab Emirates"],
    "SAU": ["Saudi Arabia", "KSA"],
    "TUR": ["Turkey", "Türkiye", "Turkiye", "Republic of Turkey"],
    "CIV": ["Côte d'Ivoire", "Cote d'Ivoire", "Ivory Coast"],
    "VAT": ["Holy See", "Vatican", "Vatican City"],
    "PSE": ["Palestine", "State of Palestine", "Palestinian territories"],
    "COL": ["New Granada"],
    "LBY": ["Tripoli"],
    "KAZ": ["Nur-Sultan", "Astana"],
    "MNG": ["Ulaanbaatar", "Ulan Bator"],
    "IND": ["New Delhi", "Republic of India", "Bharat"],
    "PAK": ["Islamabad"],
    "VEN": ["Caracas"],
    "ZWE": ["Rhodesia", "Southern Rhodesia"],
    "ZMB": ["Northern Rhodesia"],
    "GEO": ["Republic of Georgia", "Georgian"],
    "JOR": ["Hashemite Kingdom of Jordan"],
    "TCD": ["Chadian", "N'Djamena"],
    "NER": ["Nigerien"],
    "GIN": ["Guinean", "Republic of Guinea"],
    "GNB": ["Guinea-Bissau", "Guinea Bissau", "Bissau-Guinean"],
    "GNQ": ["Equatorial Guinea", "Equatorial Guinean"],
    "PNG": ["Papua New Guinea", "Papua New Guinean"],
    "HKG": ["Hong Kong", "Hong Kong SAR"],
    "MAC": ["Macau", "Macao"],
    "BIH": ["Bosnia", "Bosnia-Herzegovina", "Bosnia and Herzegovina"],
    "MDA": ["Moldova", "Chisinau", "Chișinău"],
    "BLR": ["Belarus", "Belorussia", "Byelorussia", "Minsk"],
    "XKX": ["Kosovo", "Republic of Kosovo", "Kosovar", "Pristina"],
    "LAO": ["Laos", "Lao PDR", "Laotian"],
    "SYR": ["Syrian Arab Republic"],
    "FSM": ["Micronesia", "Federated States of Micronesia"],
    "VIR": ["U.S. Virgin Islands", "US Virgin Islands", "United States Virgin Islands"],
    "VGB": ["British Virgin Islands"],
    "ASM": ["American Samoa"],
    "TCA": ["Turks and Caicos"],
    "WSM": ["Samoa", "Western Samoa"],
    "GUM": ["Guam"],
    "PRI": ["Puerto Rico"],
    "IMN": ["Isle of Man"],
    "JEY": ["Bailiwick of Jersey"],
    "GGY": ["Bailiwick of Guernsey"],
}

# Aliases that sources propose for a country but that are wrong or unsafe for that country only.
DROP_ALIASES = {
    "TLS": {"timor"},
    "USA": {"states of america", "d.c.", "u. s.", "united state of america"},
    "MEX": {"united states of mexicans"},
    "ISL": {"island"},
    "IMN": {"mann"},
    "GUF": {"guiana"},
    "LAO": {"lao"},
    "ATF": {"french southern territories"},
    "KOR": {"korea republic", "korean republic"},
    "PRK": {"korea north"},
}

# Dependent territories: parent = sovereign state, so hierarchy queries find them.
TERRITORY_PARENT = {
    "ABW": "NLD", "AIA": "GBR", "ALA": "FIN", "ASM": "USA", "ATF": "FRA", "BES": "NLD",
    "BLM": "FRA", "BMU": "GBR", "BVT": "NOR", "CCK": "AUS", "COK": "NZL", "CUW": "NLD",
    "CXR": "AUS", "CYM": "GBR", "FLK": "GBR", "FRO": "DNK", "GGY": "GBR", "GIB": "GBR",
    "GLP": "FRA", "GRL": "DNK", "GUF": "FRA", "GUM": "USA", "HKG": "CHN", "HMD": "AUS",
    "IMN": "GBR", "IOT": "GBR", "JEY": "GBR", "MAC": "CHN", "MAF": "FRA", "MNP": "USA",
    "MSR": "GBR", "MTQ": "FRA", "MYT": "FRA", "NCL": "FRA", "NFK": "AUS", "NIU": "NZL",
    "PCN": "GBR", "PRI": "USA", "PYF": "FRA", "REU": "FRA", "SGS": "GBR", "SHN": "GBR",
    "SJM": "NOR", "SPM": "FRA", "SXM": "NLD", "TCA": "GBR", "TKL": "NZL", "UMI": "USA",
    "VGB": "GBR", "VIR": "USA", "WLF": "FRA",
}

# Former states. ISO 3166-3 codes where ISO has one; otherwise "X" + a three-letter mnemonic
# (ISO never assigns alpha codes starting with X, so these cannot collide with a future code).
FORMER_COUNTRIES = [
    # id, name, aliases
    ("SUN", "Soviet Union", ["USSR", "U.S.S.R.", "Union of Soviet Socialist Republics",
                             "Soviet", "Soviets", "Soviet Russia"]),
    ("YUG", "Yugoslavia", ["Yugoslav", "Yugoslavian", "Socialist Federal Republic of Yugoslavia",
                           "Federal Republic of Yugoslavia"]),
    ("CSK", "Czechoslovakia", ["Czechoslovak", "Czechoslovakian"]),
    ("DDR", "East Germany", ["German Democratic Republic", "GDR", "East German",
                             "East Germans"]),
    ("SCG", "Serbia and Montenegro", []),
    ("VDR", "North Vietnam", ["Democratic Republic of Vietnam", "North Vietnamese", "Hanoi regime"]),
    ("YMD", "South Yemen", ["People's Democratic Republic of Yemen"]),
    ("ANT", "Netherlands Antilles", []),
    ("XFRG", "West Germany", ["West German", "West Germans"]),
    ("XRVN", "South Vietnam", ["Republic of Vietnam", "South Vietnamese", "Saigon"]),
    ("XOTT", "Ottoman Empire", ["Ottoman", "Ottomans", "Sublime Porte"]),
    ("XAUH", "Austria-Hungary", ["Austro-Hungarian", "Austro-Hungarian Empire",
                                 "Austrian Empire"]),
    ("XPRU", "Prussia", ["Prussian", "Kingdom of Prussia"]),
    ("XCSA", "Confederate States of America", ["Confederacy", "Confederate States",
                                               "Confederate government"]),
    ("XSIC", "Kingdom of the Two Sicilies", ["Two Sicilies"]),
    ("XHAW", "Kingdom of Hawaii", ["Hawaiian Kingdom", "Sandwich Islands"]),
    ("XTEX", "Republic of Texas", []),
    ("XSAR", "Kingdom of Sardinia", []),
]

# ISO 3166-3 entries whose inverted name parts read as names of that state ("USSR", "Union of
# Soviet Socialist Republics"); for the others ("Viet-Nam, Democratic Republic of") they do not.
ISO3_NAMES_OK = {"SUN", "YUG", "CSK", "DDR", "SCG", "ANT"}

# --------------------------------------------------------------------------------------------
# Sub-actors of countries: governments, ministries of defence, militaries.
# --------------------------------------------------------------------------------------------

# country id -> (name, demonym used in generated forms, capital or None)
GOV_COUNTRIES = {
    "KOR": ("South Korea", "South Korean", "Seoul"),
    "PRK": ("North Korea", "North Korean", "Pyongyang"),
    "CHN": ("China", "Chinese", "Beijing"),
    "TWN": ("Taiwan", "Taiwanese", "Taipei"),
    "JPN": ("Japan", "Japanese", "Tokyo"),
    "RUS": ("Russia", "Russian", "Moscow"),
    "UKR": ("Ukraine", "Ukrainian", "Kyiv"),
    "IND": ("India", "Indian", "New Delhi"),
    "AUS": ("Australia", "Australian", "Canberra"),
    "ISR": ("Israel", "Israeli", None),
    "PHL": ("Philippines", "Philippine", "Manila"),
    "FRA": ("France", "French", "Paris"),
    "DEU": ("Germany", "German", "Berlin"),
    "GBR": ("Britain", "British", "London"),
    "CAN": ("Canada", "Canadian", "Ottawa"),
    "TUR": ("Turkey", "Turkish", "Ankara"),
    "EGY": ("Egypt", "Egyptian", "Cairo"),
    "BRA": ("Brazil", "Brazilian", None),
    "POL": ("Poland", "Polish", "Warsaw"),
    "ITA": ("Italy", "Italian", "Rome"),
    "PSE": ("Palestine", "Palestinian", None),
    "JOR": ("Jordan", "Jordanian", "Amman"),
    "SAU": ("Saudi Arabia", "Saudi", "Riyadh"),
    "IRN": ("Iran", "Iranian", "Tehran"),
    "BLR": ("Belarus", "Belarusian", "Minsk"),
    "VEN": ("Venezuela", "Venezuelan", "Caracas"),
    "IRQ": ("Iraq", "Iraqi", "Baghdad"),
    "SYR": ("Syria", "Syrian", "Damascus"),
    "LBY": ("Libya", "Libyan", "Tripoli"),
    "CUB": ("Cuba", "Cuban", "Havana"),
    "PAN": ("Panama", "Panamanian", None),
    "AFG": ("Afghanistan", "Afghan", "Kabul"),
    "PAK": ("Pakistan", "Pakistani", "Islamabad"),
    "VNM": ("Vietnam", "Vietnamese", "Hanoi"),
    "IDN": ("Indonesia", "Indonesian", "Jakarta"),
}
EXTRA_GOV_ALIASES = {
    "KOR": ["Korean government", "ROK government", "Blue House", "South Korean administration"],
    "PRK": ["Kim regime", "DPRK government", "DPRK regime", "North Korean leadership"],
    "CHN": ["Zhongnanhai", "PRC government", "Chinese leadership", "State Council"],
    "TWN": ["Taiwan authorities", "Taiwanese authorities"],
    "JPN": ["Kantei"],
    "GBR": ["Downing Street", "Whitehall", "UK government", "British government",
            "Her Majesty's Government", "His Majesty's Government"],
    "FRA": ["Élysée", "Elysee", "Elysée Palace", "Élysée Palace"],
    "PSE": ["Palestinian Authority"],
    "IRN": ["Iranian regime", "Tehran regime"],
}

# country id -> (ministry id, official English name, extra aliases)
MINISTRIES = {
    "KOR": ("KOR.MND", "Ministry of National Defense (South Korea)",
            ["ROK Ministry of National Defense", "ROK MND", "ROK defense ministry"]),
    "CHN": ("CHN.MND", "Ministry of National Defense (China)", ["PRC defense ministry",
                                                                 "PRC Ministry of National Defense"]),
    "TWN": ("TWN.MND", "Ministry of National Defense (Taiwan)", []),
    "JPN": ("JPN.MOD", "Ministry of Defense (Japan)", []),
    "RUS": ("RUS.MOD", "Ministry of Defence (Russia)", []),
    "UKR": ("UKR.MOD", "Ministry of Defence (Ukraine)", []),
    "GBR": ("GBR.MOD", "Ministry of Defence (United Kingdom)", ["UK MoD", "UK MOD"]),
    "ISR": ("ISR.MOD", "Ministry of Defense (Israel)", []),
    "AUS": ("AUS.DOD", "Department of Defence (Australia)", ["Australian Department of Defence"]),
    "IND": ("IND.MOD", "Ministry of Defence (India)", []),
    "PHL": ("PHL.DND", "Department of National Defense (Philippines)",
            ["Philippine Department of National Defense"]),
    "FRA": ("FRA.MOD", "Ministry of the Armed Forces (France)", ["French Ministry of the Armed Forces"]),
    "DEU": ("DEU.MOD", "Federal Ministry of Defence (Germany)", ["German Federal Ministry of Defence"]),
    "PRK": ("PRK.MND", "Ministry of National Defence (North Korea)", []),
    "IRN": ("IRN.MOD", "Ministry of Defense (Iran)", []),
}

# country id -> (military id, name, extra aliases[, generate "<demonym> military" forms])
MILITARIES = {
    "KOR": ("KOR.MIL", "Republic of Korea Armed Forces",
            ["ROK military", "ROK Armed Forces", "ROK Army", "ROK Navy", "ROK Air Force",
             "ROK Marine Corps"]),
    "PRK": ("PRK.KPA", "Korean People's Army", ["KPA"]),
    "CHN": ("CHN.PLA", "People's Liberation Army",
            ["PLA", "PLA Navy", "PLA Air Force", "PLA Rocket Force", "PLAN", "PLAAF",
             "Chinese People's Liberation Army"]),
    "TWN": ("TWN.MIL", "Republic of China Armed Forces", ["ROC Armed Forces", "ROC military"]),
    "JPN": ("JPN.SDF", "Japan Self-Defense Forces",
            ["Self-Defense Forces", "JSDF", "Japan Ground Self-Defense Force", "JGSDF",
             "Japan Maritime Self-Defense Force", "JMSDF", "Japan Air Self-Defense Force",
             "JASDF"]),
    "RUS": ("RUS.MIL", "Armed Forces of the Russian Federation",
            ["Russian Armed Forces", "Black Sea Fleet"]),
    "UKR": ("UKR.MIL", "Armed Forces of Ukraine", []),
    "ISR": ("ISR.IDF", "Israel Defense Forces", ["IDF", "Israeli Defense Forces"]),
    "IRN": ("IRN.IRGC", "Islamic Revolutionary Guard Corps",
            ["IRGC", "Revolutionary Guard Corps", "Revolutionary Guards"], False),
    "GBR": ("GBR.MIL", "British Armed Forces", ["Royal Navy", "Royal Air Force", "RAF"]),
    "FRA": ("FRA.MIL", "French Armed Forces", []),
    "DEU": ("DEU.MIL", "Bundeswehr", []),
    "AUS": ("AUS.ADF", "Australian Defence Force", ["ADF"]),
    "IND": ("IND.MIL", "Indian Armed Forces", []),
    "PHL": ("PHL.MIL", "Armed Forces of the Philippines", []),
    "SUN": ("SUN.MIL", "Soviet Armed Forces", ["Red Army", "Soviet Army", "Soviet military",
                                               "Soviet armed forces"]),
}

# The United States gets hand-written sub-actors: its institutions are the ones the corpus
# (SOTU, White House, Pentagon and CRS texts) talks about.
US_SUBACTORS = [
    ("USA.DOD", "ministry", "Department of Defense", "USA",
     ["Pentagon", "Defense Department", "DoD", "DOD", "U.S. Department of Defense",
      "US Department of Defense", "United States Department of Defense",
      "Department of Defence", "War Department", "Department of War", "U.S. Department of War",
      "Office of the Secretary of Defense", "U.S. Defense Department", "US Defense Department",
      # The office names the department in US texts ("the Secretary of Defense shall...").
      "Secretary of Defense", "Defense Secretary", "Secretary of War"]),
    ("USA.STATE", "ministry", "Department of State", "USA",
     ["State Department", "U.S. State Department", "US State Department",
      "U.S. Department of State", "US Department of State", "Foggy Bottom",
      "Secretary of State"]),
    ("USA.WH", "government", "White House", "USA",
     ["Executive Office of the President", "Oval Office", "Biden administration",
      "Biden-Harris administration", "Trump administration", "Obama administration",
      "Bush administration", "Clinton administration", "Reagan administration",
      "Carter administration", "Nixon administration", "Eisenhower administration",
      "Truman administration", "Kennedy administration", "U.S. administration",
      "US administration"]),
    ("USA.NSC", "government", "National Security Council", "USA.WH",
     ["NSC", "U.S. National Security Council", "US National Security Council",
      "Assistant to the President for National Security Affairs"]),
    ("USA.MIL", "military", "United States Armed Forces", "USA",
     ["US military", "U.S. military", "United States military", "American military",
      "US armed forces", "U.S. armed forces", "U.S. Armed Forces", "US Armed Forces",
      "American armed forces", "US Army", "U.S. Army", "United States Army", "US Navy",
      "U.S. Navy", "United States Navy", "US Air Force", "U.S. Air Force",
      "United States Air Force", "US Marine Corps", "U.S. Marine Corps",
      "United States Marine Corps", "U.S. Space Force", "US Space Force",
      "Joint Chiefs of Staff", "Joint Chiefs", "U.S. Forces Korea", "US Forces Korea",
      "United States Forces Korea", "USFK", "U.S. Forces Japan", "USFJ",
      "Indo-Pacific Command", "INDOPACOM", "U.S. Indo-Pacific Command", "PACOM",
      "Pacific Command", "U.S. Central Command", "CENTCOM", "Central Command",
      "European Command", "EUCOM", "U.S. European Command", "U.S. Pacific Fleet",
      "Seventh Fleet", "7th Fleet", "Joint Force"]),
    ("USA.CONGRESS", "government", "United States Congress", "USA",
     ["Congress", "Senate", "U.S. Congress", "US Congress", "Capitol Hill",
      "House of Representatives",
      "U.S. House of Representatives", "US House of Representatives", "U.S. Senate",
      "US Senate", "United States Senate", "Senate Armed Services Committee",
      "House Armed Services Committee", "Senate Foreign Relations Committee",
      "House Foreign Affairs Committee"]),
    ("USA.CIA", "government", "Central Intelligence Agency", "USA", ["CIA"]),
    ("USA.TREAS", "ministry", "Department of the Treasury", "USA",
     ["Treasury Department", "U.S. Treasury", "US Treasury"]),
]

OTHER_SUBACTORS = [
    ("CHN.CCP", "organisation", "Chinese Communist Party", "CHN",
     ["CCP", "Communist Party of China", "CPC"]),
    ("CHN.NPC", "government", "National People's Congress", "CHN", ["NPC"]),
    ("CHN.CCG", "military", "China Coast Guard", "CHN", ["Chinese coast guard"]),
    ("PRK.WPK", "organisation", "Workers' Party of Korea", "PRK", ["Korean Workers' Party"]),
    ("RUS.FSB", "government", "Federal Security Service (Russia)", "RUS", ["FSB"]),
    ("SUN.KGB", "government", "KGB", "SUN", []),
]

# --------------------------------------------------------------------------------------------
# Organisations and alliances: id = "IGO" + mnemonic (CAMEO's three-letter organisation code
# where CAMEO has one: NAT, UNO, ASN, IAE...); organs of a body get a dotted suffix.
# --------------------------------------------------------------------------------------------
ORGANISATIONS = [
    ("IGONAT", "alliance", "NATO", "", ["Nato", "North Atlantic Treaty Organization",
                                        "North Atlantic Treaty Organisation",
                                        "North Atlantic Alliance", "Atlantic Alliance"]),
    ("IGOUNO", "organisation", "United Nations", "", ["UN", "U.N."]),
    ("IGOUNO.UNSC", "organisation", "UN Security Council", "IGOUNO",
     ["U.N. Security Council", "United Nations Security Council", "UNSC", "Security Council"]),
    ("IGOUNO.UNGA", "organisation", "UN General Assembly", "IGOUNO",
     ["U.N. General Assembly", "United Nations General Assembly", "UNGA"]),
    ("IGOEUR", "organisation", "European Union", "", ["EU", "E.U.", "European Commission"]),
    ("IGOASN", "organisation", "ASEAN", "", ["Association of Southeast Asian Nations",
                                             "Association of South East Asian Nations"]),
    ("IGOIAE", "organisation", "International Atomic Energy Agency", "", ["IAEA"]),
    ("IGOWAR", "alliance", "Warsaw Pact", "", ["Warsaw Treaty Organization"]),
    ("IGOQUD", "alliance", "Quad", "", ["Quadrilateral Security Dialogue"]),
    ("IGOAUK", "alliance", "AUKUS", "", []),
    ("IGOANZ", "alliance", "ANZUS", "", ["ANZUS Treaty"]),
    ("IGOSEA", "alliance", "Southeast Asia Treaty Organization", "", ["SEATO"]),
    ("IGOCST", "alliance", "Collective Security Treaty Organization", "", ["CSTO"]),
    ("IGOG7", "organisation", "G7", "", ["G-7", "Group of Seven"]),
    ("IGOG20", "organisation", "G20", "", ["G-20", "Group of Twenty"]),
    ("IGOAFU", "organisation", "African Union", "", []),
    ("IGOOAS", "organisation", "Organization of American States", "", ["OAS"]),
    ("IGOGCC", "organisation", "Gulf Cooperation Council", "", ["GCC"]),
    ("IGOSCO", "organisation", "Shanghai Cooperation Organization", "",
     ["Shanghai Cooperation Organisation", "SCO"]),
    ("IGOBRI", "organisation", "BRICS", "", []),
    ("IGOOPC", "organisation", "OPEC", "", ["Organization of the Petroleum Exporting Countries"]),
    ("IGOWTO", "organisation", "World Trade Organization", "", ["WTO"]),
    ("IGOIMF", "organisation", "International Monetary Fund", "", ["IMF"]),
    ("IGOWBK", "organisation", "World Bank", "", []),
    ("IGOWHO", "organisation", "World Health Organization", "", ["WHO"]),
    ("IGOICC", "organisation", "International Criminal Court", "", ["ICC"]),
    ("IGOICJ", "organisation", "International Court of Justice", "", ["ICJ", "World Court"]),
    ("IGOAPC", "organisation", "Asia-Pacific Economic Cooperation", "", ["APEC"]),
    ("IGOOSC", "organisation", "Organization for Security and Co-operation in Europe", "",
     ["OSCE", "Organization for Security and Cooperation in Europe"]),
    ("IGOARL", "organisation", "Arab League", "", ["League of Arab States"]),
    ("IGOLON", "organisation", "League of Nations", "", []),
    ("IGOOEC", "organisation", "OECD", "", ["Organisation for Economic Co-operation and Development",
                                            "Organization for Economic Cooperation and Development"]),
    ("IGOECW", "organisation", "ECOWAS", "", ["Economic Community of West African States"]),
]

# Non-state armed groups: id = "GROUP." + name.
GROUPS = [
    ("GROUP.TALIBAN", "Taliban", ["Afghan Taliban"]),
    ("GROUP.ALQAEDA", "al-Qaeda", ["al Qaeda", "Al Qaeda", "Al-Qaeda", "al-Qaida", "al Qaida",
                                 "Al-Qaida"]),
    ("GROUP.ISIS", "Islamic State", ["ISIS", "ISIL", "Daesh", "Islamic State of Iraq and Syria",
                                   "Islamic State of Iraq and the Levant"]),
    ("GROUP.HAMAS", "Hamas", ["HAMAS"]),
    ("GROUP.HEZBOLLAH", "Hezbollah", ["Hizballah", "Hizbollah"]),
    ("GROUP.HOUTHI", "Houthis", ["Houthi", "Ansarallah", "Ansar Allah", "Houthi rebels"]),
    ("GROUP.WAGNER", "Wagner Group", ["Wagner"]),
    ("GROUP.PIJ", "Palestinian Islamic Jihad", []),
    ("GROUP.PKK", "Kurdistan Workers' Party", ["PKK"]),
    ("GROUP.SHABAAB", "al-Shabaab", ["al-Shabab", "Al-Shabaab", "al Shabaab"]),
    ("GROUP.BOKOHARAM", "Boko Haram", []),
    ("GROUP.VIETCONG", "Viet Cong", ["Vietcong"]),
    ("GROUP.PLO", "Palestine Liberation Organization", ["PLO"]),
]

# --------------------------------------------------------------------------------------------
# People: id = "PERSON." + surname (+ "_" + initials when two people share it; not "PER.", which
# would read as a sub-actor of Peru, ISO code PER). Aliases are full
# names, "Title Surname" forms, and the bare surname only when it is not a common word or a
# name shared with another well-known person of the corpus (Adams, Johnson, Bush, Roosevelt,
# Harrison, Clinton, Carter, Grant, Ford, Cleveland... are never bare aliases).
# --------------------------------------------------------------------------------------------
PRESIDENTS = [
    ("PERSON.WASHINGTON", "George Washington", ["President Washington", "General Washington",
                                             "President George Washington"]),
    ("PERSON.ADAMS_J", "John Adams", ["President John Adams"]),
    ("PERSON.JEFFERSON", "Thomas Jefferson", ["Jefferson", "President Jefferson"]),
    ("PERSON.MADISON", "James Madison", ["President Madison"]),
    ("PERSON.MONROE", "James Monroe", ["President Monroe"]),
    ("PERSON.ADAMS_JQ", "John Quincy Adams", ["President John Quincy Adams"]),
    ("PERSON.JACKSON", "Andrew Jackson", ["President Jackson"]),
    ("PERSON.VANBUREN", "Martin Van Buren", ["Van Buren", "President Van Buren"]),
    ("PERSON.HARRISON_WH", "William Henry Harrison", ["President William Henry Harrison"]),
    ("PERSON.TYLER", "John Tyler", ["President Tyler"]),
    ("PERSON.POLK", "James K. Polk", ["James Polk", "Polk", "President Polk"]),
    ("PERSON.TAYLOR", "Zachary Taylor", ["President Taylor"]),
    ("PERSON.FILLMORE", "Millard Fillmore", ["Fillmore", "President Fillmore"]),
    ("PERSON.PIERCE", "Franklin Pierce", ["President Pierce"]),
    ("PERSON.BUCHANAN", "James Buchanan", ["Buchanan", "President Buchanan"]),
    ("PERSON.LINCOLN", "Abraham Lincoln", ["Lincoln", "President Lincoln", "Abe Lincoln"]),
    ("PERSON.JOHNSON_A", "Andrew Johnson", ["President Andrew Johnson"]),
    ("PERSON.GRANT", "Ulysses S. Grant", ["Ulysses Grant", "President Grant", "General Grant"]),
    ("PERSON.HAYES", "Rutherford B. Hayes", ["Rutherford Hayes", "Hayes", "President Hayes"]),
    ("PERSON.GARFIELD", "James A. Garfield", ["James Garfield", "Garfield", "President Garfield"]),
    ("PERSON.ARTHUR", "Chester A. Arthur", ["Chester Arthur", "President Arthur"]),
    ("PERSON.CLEVELAND", "Grover Cleveland", ["President Cleveland"]),
    ("PERSON.HARRISON_B", "Benjamin Harrison", ["President Benjamin Harrison"]),
    ("PERSON.MCKINLEY", "William McKinley", ["McKinley", "President McKinley"]),
    ("PERSON.ROOSEVELT_T", "Theodore Roosevelt", ["Teddy Roosevelt",
                                               "President Theodore Roosevelt"]),
    ("PERSON.TAFT", "William Howard Taft", ["Taft", "President Taft"]),
    ("PERSON.WILSON", "Woodrow Wilson", ["President Wilson", "President Woodrow Wilson"]),
    ("PERSON.HARDING", "Warren G. Harding", ["Warren Harding", "Harding", "President Harding"]),
    ("PERSON.COOLIDGE", "Calvin Coolidge", ["Coolidge", "President Coolidge"]),
    ("PERSON.HOOVER", "Herbert Hoover", ["President Hoover"]),
    ("PERSON.ROOSEVELT_F", "Franklin D. Roosevelt", ["Franklin Delano Roosevelt",
                                                  "Franklin Roosevelt", "FDR",
                                                  "President Franklin Roosevelt"]),
    ("PERSON.TRUMAN", "Harry S. Truman", ["Harry Truman", "Truman", "President Truman"]),
    ("PERSON.EISENHOWER", "Dwight D. Eisenhower", ["Dwight Eisenhower", "Eisenhower",
                                                "President Eisenhower", "General Eisenhower"]),
    ("PERSON.KENNEDY", "John F. Kennedy", ["John Kennedy", "JFK", "President Kennedy"]),
    ("PERSON.JOHNSON_L", "Lyndon B. Johnson", ["Lyndon Johnson", "LBJ",
                                            "President Lyndon Johnson"]),
    ("PERSON.NIXON", "Richard Nixon", ["Richard M. Nixon", "Nixon", "President Nixon"]),
    ("PERSON.FORD", "Gerald Ford", ["Gerald R. Ford", "President Ford"]),
    ("PERSON.CARTER", "Jimmy Carter", ["James Earl Carter", "President Carter"]),
    ("PERSON.REAGAN", "Ronald Reagan", ["Reagan", "President Reagan"]),
    ("PERSON.BUSH_GHW", "George H. W. Bush", ["George H.W. Bush", "George Herbert Walker Bush",
                                           "President George H. W. Bush",
                                           "President George H.W. Bush"]),
    ("PERSON.CLINTON_B", "Bill Clinton", ["William J. Clinton", "William Jefferson Clinton",
                                       "President Clinton", "President Bill Clinton"]),
    ("PERSON.BUSH_GW", "George W. Bush", ["President George W. Bush"]),
    ("PERSON.OBAMA", "Barack Obama", ["Barack H. Obama", "Obama", "President Obama",
                                   "President Barack Obama"]),
    ("PERSON.TRUMP", "Donald Trump", ["Donald J. Trump", "Trump", "President Trump",
                                   "President Donald Trump", "President Donald J. Trump"]),
    ("PERSON.BIDEN", "Joe Biden", ["Joseph R. Biden", "Joseph R. Biden Jr.", "Joseph R. Biden, Jr.",
                                "Joseph Biden", "Biden", "President Biden", "President Joe Biden",
                                "Vice President Biden"]),
]

# (id, name, parent, aliases)
PEOPLE = [
    # White House
    ("PERSON.HARRIS", "Kamala Harris", "USA.WH", ["Vice President Harris",
                                               "Vice President Kamala Harris"]),
    ("PERSON.PENCE", "Mike Pence", "USA.WH", ["Pence", "Vice President Pence"]),
    ("PERSON.VANCE", "JD Vance", "USA.WH", ["J.D. Vance", "Vice President Vance"]),
    ("PERSON.CHENEY", "Dick Cheney", "USA.WH", ["Richard Cheney", "Cheney", "Vice President Cheney",
                                             "Secretary Cheney"]),
    ("PERSON.JEANPIERRE", "Karine Jean-Pierre", "USA.WH", ["Jean-Pierre"]),
    ("PERSON.PSAKI", "Jen Psaki", "USA.WH", ["Psaki"]),
    ("PERSON.LEAVITT", "Karoline Leavitt", "USA.WH", ["Leavitt"]),
    # National Security Council
    # "MR. SULLIVAN:" labels his answers in briefing transcripts; bare "Sullivan" is too common.
    ("PERSON.SULLIVAN", "Jake Sullivan", "USA.NSC", ["Mr. Sullivan"]),
    ("PERSON.KIRBY", "John Kirby", "USA.NSC", ["Kirby", "Admiral Kirby"]),
    ("PERSON.WALTZ", "Mike Waltz", "USA.NSC", ["Michael Waltz"]),
    ("PERSON.BOLTON", "John Bolton", "USA.NSC", ["Bolton"]),
    ("PERSON.MCMASTER", "H.R. McMaster", "USA.NSC", ["H. R. McMaster", "McMaster"]),
    ("PERSON.KISSINGER", "Henry Kissinger", "USA.STATE", ["Kissinger"]),
    # Secretaries of Defense
    ("PERSON.WEINBERGER", "Caspar Weinberger", "USA.DOD", ["Weinberger", "Secretary Weinberger"]),
    ("PERSON.CARLUCCI", "Frank Carlucci", "USA.DOD", ["Carlucci"]),
    ("PERSON.ASPIN", "Les Aspin", "USA.DOD", ["Aspin"]),
    ("PERSON.PERRY_W", "William Perry", "USA.DOD", ["William J. Perry", "Secretary Perry"]),
    ("PERSON.COHEN_W", "William Cohen", "USA.DOD", ["William S. Cohen", "Secretary Cohen"]),
    ("PERSON.RUMSFELD", "Donald Rumsfeld", "USA.DOD", ["Rumsfeld", "Secretary Rumsfeld"]),
    ("PERSON.GATES", "Robert Gates", "USA.DOD", ["Robert M. Gates", "Secretary Gates"]),
    ("PERSON.PANETTA", "Leon Panetta", "USA.DOD", ["Panetta", "Secretary Panetta"]),
    ("PERSON.HAGEL", "Chuck Hagel", "USA.DOD", ["Hagel", "Secretary Hagel"]),
    ("PERSON.CARTER_A", "Ash Carter", "USA.DOD", ["Ashton Carter", "Secretary Carter"]),
    ("PERSON.MATTIS", "Jim Mattis", "USA.DOD", ["James Mattis", "Mattis", "Secretary Mattis"]),
    ("PERSON.ESPER", "Mark Esper", "USA.DOD", ["Esper", "Secretary Esper"]),
    ("PERSON.AUSTIN", "Lloyd Austin", "USA.DOD", ["Lloyd J. Austin", "Lloyd J. Austin III",
                                               "Secretary Austin", "Secretary Lloyd Austin",
                                               "Defense Secretary Austin"]),
    ("PERSON.HEGSETH", "Pete Hegseth", "USA.DOD", ["Hegseth", "Secretary Hegseth"]),
    ("PERSON.COLBY", "Elbridge Colby", "USA.DOD", ["Colby", "Elbridge A. Colby", "Bridge Colby",
                                                "Under Secretary Colby"]),
    # Military
    ("PERSON.MILLEY", "Mark Milley", "USA.MIL", ["Milley", "General Milley"]),
    ("PERSON.CAINE", "Dan Caine", "USA.MIL", ["General Caine"]),
    # Secretaries of State
    ("PERSON.VANCE_C", "Cyrus Vance", "USA.STATE", ["Secretary Vance"]),
    ("PERSON.SHULTZ", "George Shultz", "USA.STATE", ["George P. Shultz", "Shultz",
                                                  "Secretary Shultz"]),
    ("PERSON.BAKER_J", "James Baker", "USA.STATE", ["James A. Baker", "James A. Baker III",
                                                 "Secretary Baker"]),
    ("PERSON.EAGLEBURGER", "Lawrence Eagleburger", "USA.STATE", ["Eagleburger"]),
    ("PERSON.CHRISTOPHER", "Warren Christopher", "USA.STATE", ["Secretary Christopher"]),
    ("PERSON.ALBRIGHT", "Madeleine Albright", "USA.STATE", ["Albright", "Secretary Albright"]),
    ("PERSON.POWELL", "Colin Powell", "USA.STATE", ["Secretary Powell", "General Powell"]),
    ("PERSON.RICE_C", "Condoleezza Rice", "USA.STATE", ["Condi Rice", "Secretary Rice"]),
    ("PERSON.CLINTON_H", "Hillary Clinton", "USA.STATE", ["Hillary Rodham Clinton",
                                                       "Secretary Clinton"]),
    ("PERSON.KERRY", "John Kerry", "USA.STATE", ["Kerry", "Secretary Kerry"]),
    ("PERSON.TILLERSON", "Rex Tillerson", "USA.STATE", ["Tillerson", "Secretary Tillerson"]),
    ("PERSON.POMPEO", "Mike Pompeo", "USA.STATE", ["Michael Pompeo", "Pompeo",
                                                "Secretary Pompeo"]),
    ("PERSON.BLINKEN", "Antony Blinken", "USA.STATE", ["Antony J. Blinken", "Tony Blinken",
                                                    "Blinken", "Secretary Blinken"]),
    ("PERSON.RUBIO", "Marco Rubio", "USA.STATE", ["Rubio", "Secretary Rubio", "Senator Rubio"]),
    # Congress
    ("PERSON.PELOSI", "Nancy Pelosi", "USA.CONGRESS", ["Pelosi", "Speaker Pelosi"]),
    ("PERSON.MCCONNELL", "Mitch McConnell", "USA.CONGRESS", ["McConnell", "Leader McConnell"]),
    ("PERSON.SCHUMER", "Chuck Schumer", "USA.CONGRESS", ["Schumer", "Leader Schumer"]),
    ("PERSON.MCCARTHY_K", "Kevin McCarthy", "USA.CONGRESS", ["Speaker McCarthy"]),
    ("PERSON.JOHNSON_M", "Mike Johnson", "USA.CONGRESS", ["Speaker Johnson"]),
    # South Korea
    ("PERSON.YOON", "Yoon Suk Yeol", "KOR.GOV", ["Yoon Suk-yeol", "Yoon Seok-youl", "Yoon",
                                              "President Yoon"]),
    ("PERSON.MOON", "Moon Jae-in", "KOR.GOV", ["Moon Jae In", "President Moon"]),
    ("PERSON.LEE_JM", "Lee Jae-myung", "KOR.GOV", ["Lee Jae Myung", "President Lee Jae-myung"]),
    ("PERSON.LEE_MB", "Lee Myung-bak", "KOR.GOV", ["Lee Myung Bak"]),
    ("PERSON.PARK_GH", "Park Geun-hye", "KOR.GOV", ["Park Geun Hye", "President Park Geun-hye"]),
    ("PERSON.RHEE", "Syngman Rhee", "KOR.GOV", []),
    # North Korea
    ("PERSON.KIM_JU", "Kim Jong Un", "PRK.GOV", ["Kim Jong-un", "Kim Jong-Un", "Chairman Kim"]),
    ("PERSON.KIM_JI", "Kim Jong Il", "PRK.GOV", ["Kim Jong-il", "Kim Jong-Il"]),
    ("PERSON.KIM_IS", "Kim Il Sung", "PRK.GOV", ["Kim Il-sung", "Kim Il-Sung"]),
    ("PERSON.KIM_YJ", "Kim Yo Jong", "PRK.GOV", ["Kim Yo-jong"]),
    # China and Taiwan
    ("PERSON.XI", "Xi Jinping", "CHN.GOV", ["Xi", "President Xi", "General Secretary Xi",
                                         "Chairman Xi"]),
    ("PERSON.LI_Q", "Li Qiang", "CHN.GOV", ["Premier Li Qiang"]),
    ("PERSON.LI_KQ", "Li Keqiang", "CHN.GOV", ["Premier Li Keqiang"]),
    ("PERSON.WANG_YI", "Wang Yi", "CHN.GOV", ["Foreign Minister Wang", "Director Wang Yi"]),
    ("PERSON.HU", "Hu Jintao", "CHN.GOV", []),
    ("PERSON.JIANG", "Jiang Zemin", "CHN.GOV", []),
    ("PERSON.DENG", "Deng Xiaoping", "CHN.GOV", []),
    ("PERSON.MAO", "Mao Zedong", "CHN.GOV", ["Mao Tse-tung", "Chairman Mao", "Mao"]),
    ("PERSON.CHIANG", "Chiang Kai-shek", "TWN.GOV", ["Chiang Kai-Shek", "Generalissimo Chiang"]),
    ("PERSON.TSAI", "Tsai Ing-wen", "TWN.GOV", ["President Tsai"]),
    ("PERSON.LAI", "Lai Ching-te", "TWN.GOV", ["William Lai", "President Lai"]),
    # Japan
    ("PERSON.KISHIDA", "Fumio Kishida", "JPN.GOV", ["Kishida Fumio", "Kishida",
                                                 "Prime Minister Kishida"]),
    ("PERSON.SUGA", "Yoshihide Suga", "JPN.GOV", ["Suga Yoshihide", "Prime Minister Suga"]),
    ("PERSON.ABE", "Shinzo Abe", "JPN.GOV", ["Abe Shinzo", "Prime Minister Abe"]),
    ("PERSON.ISHIBA", "Shigeru Ishiba", "JPN.GOV", ["Ishiba Shigeru", "Ishiba"]),
    ("PERSON.TAKAICHI", "Sanae Takaichi", "JPN.GOV", ["Takaichi Sanae", "Takaichi"]),
    # Russia and the Soviet Union
    ("PERSON.PUTIN", "Vladimir Putin", "RUS.GOV", ["Putin", "President Putin",
                                                "Vladimir Vladimirovich Putin"]),
    ("PERSON.LAVROV", "Sergei Lavrov", "RUS.GOV", ["Sergey Lavrov", "Lavrov"]),
    ("PERSON.SHOIGU", "Sergei Shoigu", "RUS.MOD", ["Sergey Shoigu", "Shoigu"]),
    ("PERSON.MEDVEDEV", "Dmitry Medvedev", "RUS.GOV", ["Medvedev"]),
    ("PERSON.YELTSIN", "Boris Yeltsin", "RUS.GOV", ["Yeltsin"]),
    ("PERSON.GORBACHEV", "Mikhail Gorbachev", "SUN", ["Gorbachev"]),
    ("PERSON.STALIN", "Joseph Stalin", "SUN", ["Stalin"]),
    ("PERSON.KHRUSHCHEV", "Nikita Khrushchev", "SUN", ["Khrushchev"]),
    ("PERSON.BREZHNEV", "Leonid Brezhnev", "SUN", ["Brezhnev"]),
    ("PERSON.LENIN", "Vladimir Lenin", "SUN", ["Lenin"]),
    # Others
    ("PERSON.ZELENSKYY", "Volodymyr Zelenskyy", "UKR.GOV", ["Volodymyr Zelensky", "Zelenskyy",
                                                         "Zelensky", "Zelenskiy",
                                                         "President Zelenskyy"]),
    ("PERSON.MODI", "Narendra Modi", "IND.GOV", ["Modi", "Prime Minister Modi"]),
    ("PERSON.ALBANESE", "Anthony Albanese", "AUS.GOV", ["Albanese", "Prime Minister Albanese"]),
    ("PERSON.MORRISON", "Scott Morrison", "AUS.GOV", ["Prime Minister Morrison"]),
    ("PERSON.NETANYAHU", "Benjamin Netanyahu", "ISR.GOV", ["Netanyahu", "Bibi Netanyahu",
                                                        "Prime Minister Netanyahu"]),
    ("PERSON.HERZOG", "Isaac Herzog", "ISR.GOV", ["President Herzog"]),
    ("PERSON.MARCOS_JR", "Ferdinand Marcos Jr.", "PHL.GOV", ["Ferdinand R. Marcos Jr.",
                                                          "Bongbong Marcos", "Marcos Jr.",
                                                          "President Marcos",
                                                          "President Marcos Jr."]),
    ("PERSON.DUTERTE", "Rodrigo Duterte", "PHL.GOV", ["Duterte", "President Duterte"]),
    ("PERSON.MACRON", "Emmanuel Macron", "FRA.GOV", ["Macron", "President Macron"]),
    ("PERSON.SCHOLZ", "Olaf Scholz", "DEU.GOV", ["Scholz", "Chancellor Scholz"]),
    ("PERSON.MERKEL", "Angela Merkel", "DEU.GOV", ["Merkel", "Chancellor Merkel"]),
    ("PERSON.MERZ", "Friedrich Merz", "DEU.GOV", ["Merz", "Chancellor Merz"]),
    ("PERSON.SUNAK", "Rishi Sunak", "GBR.GOV", ["Sunak", "Prime Minister Sunak"]),
    ("PERSON.STARMER", "Keir Starmer", "GBR.GOV", ["Starmer", "Prime Minister Starmer"]),
    ("PERSON.CHURCHILL", "Winston Churchill", "GBR.GOV", ["Churchill", "Prime Minister Churchill"]),
    ("PERSON.THATCHER", "Margaret Thatcher", "GBR.GOV", ["Thatcher", "Prime Minister Thatcher"]),
    ("PERSON.TRUDEAU", "Justin Trudeau", "CAN.GOV", ["Trudeau", "Prime Minister Trudeau"]),
    ("PERSON.CARNEY", "Mark Carney", "CAN.GOV", ["Prime Minister Carney"]),
    ("PERSON.ERDOGAN", "Recep Tayyip Erdoğan", "TUR.GOV", ["Recep Tayyip Erdogan", "Erdoğan",
                                                        "Erdogan", "President Erdoğan",
                                                        "President Erdogan"]),
    ("PERSON.SISI", "Abdel Fattah el-Sisi", "EGY.GOV", ["Abdel Fattah al-Sisi", "el-Sisi",
                                                     "al-Sisi", "Sisi", "President Sisi",
                                                     "President el-Sisi"]),
    ("PERSON.LULA", "Luiz Inácio Lula da Silva", "BRA.GOV", ["Luiz Inacio Lula da Silva",
                                                          "Lula da Silva", "Lula",
                                                          "President Lula"]),
    ("PERSON.DUDA", "Andrzej Duda", "POL.GOV", ["President Duda"]),
    ("PERSON.MELONI", "Giorgia Meloni", "ITA.GOV", ["Meloni", "Prime Minister Meloni"]),
    ("PERSON.ABBAS", "Mahmoud Abbas", "PSE.GOV", ["President Abbas"]),
    ("PERSON.ABDULLAH2", "King Abdullah II", "JOR.GOV", ["King Abdullah"]),
    ("PERSON.MBS", "Mohammed bin Salman", "SAU.GOV", ["Mohammad bin Salman", "MBS",
                                                   "Crown Prince Mohammed bin Salman"]),
    ("PERSON.KHAMENEI", "Ali Khamenei", "IRN.GOV", ["Khamenei", "Ayatollah Khamenei",
                                                 "Supreme Leader Khamenei"]),
    ("PERSON.RAISI", "Ebrahim Raisi", "IRN.GOV", ["Raisi"]),
    ("PERSON.PEZESHKIAN", "Masoud Pezeshkian", "IRN.GOV", ["Pezeshkian"]),
    ("PERSON.LUKASHENKO", "Alexander Lukashenko", "BLR.GOV", ["Lukashenko"]),
    ("PERSON.MADURO", "Nicolás Maduro", "VEN.GOV", ["Nicolas Maduro", "Maduro"]),
    ("PERSON.SADDAM", "Saddam Hussein", "IRQ.GOV", ["Saddam"]),
    ("PERSON.ASSAD", "Bashar al-Assad", "SYR.GOV", ["Assad", "Bashar Assad"]),
    ("PERSON.GADDAFI", "Muammar Gaddafi", "LBY.GOV", ["Muammar Qaddafi", "Gaddafi", "Qaddafi"]),
    ("PERSON.CASTRO_F", "Fidel Castro", "CUB.GOV", []),
    ("PERSON.NORIEGA", "Manuel Noriega", "PAN.GOV", ["Noriega"]),
    ("PERSON.HITLER", "Adolf Hitler", "DEU", ["Hitler"]),
    ("PERSON.HOCHIMINH", "Ho Chi Minh", "VDR", []),
    ("PERSON.MILOSEVIC", "Slobodan Milošević", "YUG", ["Slobodan Milosevic", "Milošević",
                                                    "Milosevic"]),
    ("PERSON.BINLADEN", "Osama bin Laden", "GROUP.ALQAEDA", ["bin Laden", "Usama bin Laden"]),
    ("PERSON.STOLTENBERG", "Jens Stoltenberg", "IGONAT", ["Stoltenberg",
                                                       "Secretary General Stoltenberg"]),
    ("PERSON.RUTTE", "Mark Rutte", "IGONAT", ["Rutte", "Secretary General Rutte"]),
    ("PERSON.GUTERRES", "António Guterres", "IGOUNO", ["Antonio Guterres", "Guterres",
                                                    "Secretary-General Guterres"]),
]

# Titles written before a person's full name ("President Yoon Suk Yeol", "Secretary of Defense
# Lloyd Austin"): "<title> <full name>" aliases are generated for each multi-word name. Titles
# with a bare surname ("President Yoon") are listed in the aliases above, only when unambiguous.
TITLES_BY_PARENT = {
    "USA.DOD": ["Secretary", "Secretary of Defense", "Defense Secretary"],
    "USA.STATE": ["Secretary", "Secretary of State"],
    "USA.NSC": ["National Security Advisor", "National Security Adviser"],
    "USA.CONGRESS": ["Speaker", "Leader", "Senator", "Senate Majority Leader",
                     "Senate Minority Leader", "House Speaker"],
    "IGONAT": ["Secretary General", "NATO Secretary General"],
    "IGOUNO": ["Secretary-General", "Secretary General", "UN Secretary-General",
               "U.N. Secretary-General"],
}
TITLES_BY_PERSON = {
    "PERSON.COLBY": ["Under Secretary", "Under Secretary of Defense",
                     "Under Secretary of Defense for Policy"],
    "PERSON.KIRBY": ["Admiral", "Rear Admiral", "NSC Spokesman",
                     "National Security Communications Advisor"],
    "PERSON.JEANPIERRE": ["Press Secretary", "White House Press Secretary"],
    "PERSON.PSAKI": ["Press Secretary", "White House Press Secretary"],
    "PERSON.LEAVITT": ["Press Secretary", "White House Press Secretary"],
    "PERSON.HARRIS": ["Vice President"], "PERSON.PENCE": ["Vice President"],
    "PERSON.VANCE": ["Vice President"], "PERSON.CHENEY": ["Vice President"],
    "PERSON.BIDEN": ["President", "Vice President"],
    "PERSON.MILLEY": ["General", "Gen.", "Chairman"], "PERSON.CAINE": ["General", "Gen."],
    "PERSON.KIM_JU": ["Chairman", "Leader", "General Secretary", "Supreme Leader"],
    "PERSON.KIM_JI": ["Chairman", "Leader"], "PERSON.KIM_IS": ["President"],
    "PERSON.XI": ["President", "General Secretary", "Chairman"],
    "PERSON.LI_Q": ["Premier"], "PERSON.LI_KQ": ["Premier"],
    "PERSON.WANG_YI": ["Foreign Minister", "Director"],
    "PERSON.LAVROV": ["Foreign Minister"], "PERSON.SHOIGU": ["Defense Minister", "Defence Minister"],
    "PERSON.MEDVEDEV": ["President", "Prime Minister"],
    "PERSON.KHAMENEI": ["Supreme Leader", "Ayatollah"],
    "PERSON.SCHOLZ": ["Chancellor"], "PERSON.MERKEL": ["Chancellor"], "PERSON.MERZ": ["Chancellor"],
    "PERSON.MBS": ["Crown Prince"], "PERSON.GORBACHEV": ["President", "General Secretary"],
    "PERSON.STOLTENBERG": ["Secretary General", "NATO Secretary General"],
    "PERSON.RUTTE": ["Secretary General", "NATO Secretary General"],
}
PRESIDENT_IDS_ABROAD = {
    "President": ["PERSON.YOON", "PERSON.MOON", "PERSON.LEE_JM", "PERSON.PARK_GH", "PERSON.LEE_MB",
                  "PERSON.RHEE", "PERSON.TSAI", "PERSON.LAI", "PERSON.PUTIN", "PERSON.ZELENSKYY",
                  "PERSON.HERZOG", "PERSON.MARCOS_JR", "PERSON.DUTERTE", "PERSON.MACRON",
                  "PERSON.ERDOGAN", "PERSON.SISI", "PERSON.LULA", "PERSON.DUDA", "PERSON.ABBAS",
                  "PERSON.RAISI", "PERSON.PEZESHKIAN", "PERSON.LUKASHENKO", "PERSON.MADURO",
                  "PERSON.ASSAD", "PERSON.YELTSIN"],
    "Prime Minister": ["PERSON.KISHIDA", "PERSON.SUGA", "PERSON.ABE", "PERSON.ISHIBA",
                       "PERSON.TAKAICHI", "PERSON.MODI", "PERSON.ALBANESE", "PERSON.MORRISON",
                       "PERSON.NETANYAHU", "PERSON.SUNAK", "PERSON.STARMER", "PERSON.TRUDEAU",
                       "PERSON.CARNEY", "PERSON.MELONI", "PERSON.CHURCHILL", "PERSON.THATCHER"],
}
TITLE_WORDS = {"president", "vice", "secretary", "prime", "chancellor", "speaker", "leader",
               "general", "chairman", "premier", "king", "crown", "supreme", "ayatollah",
               "admiral", "senator", "under", "foreign", "director", "defense", "generalissimo",
               "mr.", "mrs.", "ms."}


def person_titles(aid, parent):
    if aid in TITLES_BY_PERSON:
        titles = list(TITLES_BY_PERSON[aid])
    else:
        titles = list(TITLES_BY_PARENT.get(parent, []))
        if parent == "USA.WH":
            titles.append("President")
    for title, ids in PRESIDENT_IDS_ABROAD.items():
        if aid in ids:
            titles.append(title)
    return titles


def add_person_aliases(actor, aliases):
    for al in aliases:
        actor.add(al, 0)
    full = [actor.name] + [al for al in aliases if len(al.split()) >= 2
                           and fold(al.split()[0]) not in TITLE_WORDS]
    titles = person_titles(actor.id, actor.parent)
    # "Secretary Blinken" is listed: "Secretary of State Blinken" is the same safe form.
    titled = []
    for al in aliases:
        for t in titles:
            if al.startswith(t + " ") and al[len(t) + 1:] not in full:
                titled.append(al[len(t) + 1:])
    for title in titles:
        for form in full + titled:
            actor.add(f"{title} {form}", 0)


# Generic words that may appear in official names without identifying a country: PETRARCH
# synonyms are kept only when every word is one of these or a word of the country's own names.
GENERIC_WORDS = {
    "republic", "of", "the", "kingdom", "state", "states", "democratic", "people's", "peoples",
    "federal", "islands", "island", "united", "south", "north", "east", "west", "new", "saint",
    "st", "and", "union", "socialist", "islamic", "arab", "commonwealth", "principality",
    "territory", "grand", "duchy", "independent", "sovereign", "plurinational", "bolivarian",
    "oriental", "co-operative", "hashemite", "federation", "federated", "special",
    "administrative", "region", "city", "great", "central", "equatorial", "de", "da", "del",
    "la", "el", "democratic", "popular", "people", "government", "s", "n", "r",
}

# --------------------------------------------------------------------------------------------


def fold(s):
    """Lower-case, strip accents, unify apostrophes: the key used to compare surface forms."""
    s = s.replace("\u2019", "'").replace("\u2018", "'")
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return " ".join(s.lower().split())


def latin_only(s):
    """True for text in Latin script (accents allowed): no Cyrillic, Hangul, etc."""
    for c in s:
        if ord(c) < 128:
            continue
        name = unicodedata.name(c, "")
        if not name.startswith("LATIN") and c not in "\u2019\u2018":
            return False
    return True


def form_key(form):
    """Identity of a surface form: folded, but "NATO" (an acronym, matched only in capitals)
    and "Nato" (matched in any case) stay two forms."""
    acronym = any(len(w) >= 2 and w.isupper() for w in re.split(r"[\s.'-]+", form))
    return (fold(form), acronym)


SHARED_ALIASES[form_key("Korea")] = {"KOR", "PRK"}


def plural(demonym, name):
    low = demonym.lower()
    if (low in NO_PLURAL or " " in demonym or "-" in demonym or demonym == name
            or low.endswith(("s", "sh", "ch", "ese", "x", "z", "ic", "an" + "tican"))):
        return None
    return demonym + "s"


class Actor:
    def __init__(self, aid, atype, name, parent=""):
        assert atype in TYPES, atype
        self.id = aid
        self.type = atype
        self.name = name
        self.parent = parent
        self.aliases = []  # list of (alias, priority); lower priority wins conflicts

    def add(self, alias, priority):
        alias = " ".join(alias.split())
        if alias:
            self.aliases.append((alias, priority))


def load_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def parse_petrarch(path):
    """Country-level blocks of a TABARI .actors file: {code: [synonym phrases]}."""
    blocks = []
    current = None
    with open(path, encoding="utf-8", errors="replace") as f:
        for raw in f:
            line = raw.split("#", 1)[0].rstrip()
            if not line.strip():
                continue
            if line.startswith("+"):
                if current is not None:
                    current["syn"].append(line[1:].strip())
            elif line[0] in " \t":
                if current is not None:
                    current["codes"] += re.findall(r"\[([^\]]*)\]", line)
            else:
                head = line.split("[", 1)[0].strip()
                current = {"phrase": head, "syn": [], "codes": re.findall(r"\[([^\]]*)\]", line)}
                blocks.append(current)
    out = {}
    for b in blocks:
        codes = [c.strip() for c in b["codes"]]
        if len(codes) == 1 and re.fullmatch(r"[A-Z]{3}", codes[0]):
            out.setdefault(codes[0], []).extend([b["phrase"]] + b["syn"])
    return out


def petrarch_form(phrase, casing):
    """`S._KOREA_` -> `S. Korea`, using the casing of known words."""
    words = [w for w in phrase.replace("_", " ").split()]
    out = []
    for w in words:
        key = fold(w)
        if key in ("of", "the", "and"):
            out.append(key)
        elif "." in w.rstrip(".") or len(w.rstrip(".")) == 1:
            out.append(w.upper())  # initials: R.O.K., S.
        elif key in casing:
            out.append(casing[key])
        else:
            out.append(w.capitalize())
    return " ".join(out)


def build_countries(data):
    wc = load_json(data / "world-countries" / "countries.json")
    iso1 = load_json(data / "iso-codes" / "iso_3166-1.json")["3166-1"]
    petrarch = parse_petrarch(data / "petrarch2" / "Phoenix.Countries.actors.txt")

    iso_by_a3 = {x["alpha_3"]: x for x in iso1}
    countries = {}
    independent = {}
    demonym_owners = {}
    for c in wc:
        a3 = c["cca3"]
        if a3 not in iso_by_a3 and a3 != "UNK":
            continue
        aid = ID_OVERRIDES.get(a3, a3)
        name = NAME_OVERRIDES.get(a3, c["name"]["common"])
        actor = Actor(aid, "country", name, TERRITORY_PARENT.get(aid, ""))
        independent[aid] = bool(c.get("independent"))
        actor.add(c["name"]["official"], 2)
        actor._alts = c.get("altSpellings", [])
        for cap in c.get("capital", []):
            actor.add(cap, 4)
        dem = c.get("demonyms", {}).get("eng", {})
        for g in ("m", "f"):
            for d in re.split(r",\s*|\s+or\s+", dem.get(g, "") or ""):
                if d:
                    demonym_owners.setdefault(fold(d), set()).add(aid)
        iso = iso_by_a3.get(a3)
        if iso:
            for key in ("name", "official_name", "common_name"):
                if key in iso:
                    v = iso[key]
                    if v.lower().startswith("the "):
                        v = v[4:]
                    actor.add(v, 2)
        countries[aid] = actor
        actor._demonyms = []
        for g in ("m", "f"):
            for d in re.split(r",\s*|\s+or\s+", dem.get(g, "") or ""):
                if d and d not in actor._demonyms:
                    actor._demonyms.append(d)

    # Demonyms: a form shared by several entries goes to the one independent state among them
    # ("French": France, not the French Southern Lands); with none or several, to nobody.
    for aid, actor in countries.items():
        for d in actor._demonyms:
            owners = demonym_owners[fold(d)]
            indep = [o for o in owners if independent.get(o)]
            if len(owners) == 1 or (len(indep) == 1 and indep[0] == aid):
                actor.add(d, 3)
                p = plural(d, actor.name)
                if p:
                    actor.add(p, 3)
    for aid, forms in EXTRA_DEMONYMS.items():
        for d in forms:
            countries[aid].add(d, 0)

    # The English words of each country's names (names and demonyms, not alternative
    # spellings): other-source forms are kept only when made of these and generic words.
    known_words = {}
    for aid, actor in countries.items():
        known = set()
        for form in [actor.name] + [a for a, _ in actor.aliases]:
            for w in re.split(r"[\s-]+", fold(form)):
                known.add(w.replace("'", ""))
        known_words[aid] = known - GENERIC_WORDS

    def made_of_known(aid, form):
        words = [w.replace("'", "") for w in re.split(r"[\s-]+", fold(form)) if w]
        if not words or not form[0].isalpha():
            return False
        content = [w for w in words if w.rstrip(".") not in GENERIC_WORDS]
        if not content or not all(w in known_words[aid] for w in content):
            return False
        # "South Congo", "Korea North": a compass word the real names do not use is noise.
        compass = {"north", "south", "east", "west"}
        names = fold(" ".join([countries[aid].name] + [a for a, _ in countries[aid].aliases]))
        if any(w in compass and w not in names.split() for w in words):
            return False
        return words[-1] not in compass

    # Alternative spellings from world-countries: English variants only ("Republic of Korea",
    # "Bosnia-Herzegovina"); native-language names rarely occur in English text.
    for aid, actor in countries.items():
        for alt in actor._alts:
            if made_of_known(aid, alt):
                actor.add(alt, 5)

    # PETRARCH synonyms, kept only when made of words the other sources already use for the
    # same country (plus generic words like "Republic"), or of dotted initials (R.O.K.).
    casing = {}
    for actor in countries.values():
        for form in [actor.name] + [a for a, _ in actor.aliases]:
            for w in form.split():
                casing.setdefault(fold(w), w)
    for forms in EXTRA_ALIASES.values():
        for form in forms:
            for w in form.split():
                casing[fold(w)] = w
    for code, phrases in petrarch.items():
        aid = ID_OVERRIDES.get(code, code)
        actor = countries.get(aid)
        if actor is None:
            continue
        for ph in phrases:
            if "(" in ph or "," in ph or not ph.isascii():
                continue
            form = petrarch_form(ph, casing)
            if form.lower().startswith("the "):
                form = form[4:]
            dotted = re.fullmatch(r"([A-Z]\.){2,}", form.replace(" ", "")) is not None
            if dotted or made_of_known(aid, form):
                actor.add(form, 6)

    for aid, forms in EXTRA_ALIASES.items():
        for f in forms:
            countries[aid].add(f, 0)
    return countries, independent


def build_former(data, countries):
    iso3 = {x["alpha_3"]: x for x in load_json(data / "iso-codes" / "iso_3166-3.json")["3166-3"]}
    out = []
    for aid, name, aliases in FORMER_COUNTRIES:
        a = Actor(aid, "former_country", name)
        if aid in ISO3_NAMES_OK:
            iso_name = iso3[aid]["name"]
            # ISO 3166-3 names are inverted lists ("USSR, Union of Soviet ..."): keep parts
            # that read as names on their own.
            for part in iso_name.split(", "):
                if part[:1].isupper() and part not in ("Republic of",):
                    a.add(part, 2)
        for al in aliases:
            a.add(al, 0)
        out.append(a)
    return out


def possessive(name):
    return name + "'" if name.endswith("s") else name + "'s"


def with_the(name):
    """`the Philippines`, `the United Kingdom`: names that take an article in a phrase."""
    return "the " + name if name.startswith(("United ", "Philippines", "Netherlands")) else name


def gov_aliases(cid, name, demonym, capital):
    forms = [f"{demonym} government", f"government of {with_the(name)}",
             f"{possessive(name)} government", f"{demonym} regime", f"{possessive(name)} regime"]
    if capital:
        forms.append(f"{capital} government")
    return forms


def ministry_aliases(name, demonym, national):
    out = []
    pos = possessive(name)
    for spelling in ("defense", "defence"):
        out += [f"{pos} {spelling} ministry", f"{demonym} {spelling} ministry"]
        cap = spelling.capitalize()
        out += [f"{demonym} Ministry of {cap}", f"{pos} Ministry of {cap}",
                f"Ministry of {cap} of {with_the(name)}"]
        if national:
            out += [f"{demonym} Ministry of National {cap}", f"{pos} Ministry of National {cap}"]
    return out


def military_aliases(name, demonym):
    pos = possessive(name)
    return [f"{demonym} military", f"{pos} military", f"{demonym} armed forces",
            f"{pos} armed forces", f"{demonym} army", f"{demonym} navy", f"{demonym} air force"]


def build_subactors(countries):
    out = []
    for aid, atype, name, parent, aliases in US_SUBACTORS + OTHER_SUBACTORS:
        a = Actor(aid, atype, name, parent)
        for al in aliases:
            a.add(al, 0)
        out.append(a)
    for cid, (name, demonym, capital) in GOV_COUNTRIES.items():
        a = Actor(f"{cid}.GOV", "government", f"Government of {with_the(countries[cid].name)}",
                  cid)
        for al in gov_aliases(cid, name, demonym, capital) + EXTRA_GOV_ALIASES.get(cid, []):
            a.add(al, 1)
        out.append(a)
    for cid, (mid, mname, extra) in MINISTRIES.items():
        a = Actor(mid, "ministry", mname, cid)
        if cid in GOV_COUNTRIES:
            name, demonym, capital = GOV_COUNTRIES[cid]
            forms = ministry_aliases(name, demonym, mid.endswith(".MND"))
            if capital:
                forms += [f"{capital}'s defense ministry", f"{capital}'s defence ministry"]
            for al in forms:
                a.add(al, 1)
        for al in extra:
            a.add(al, 0)
        out.append(a)
    for cid, (mid, mname, extra, *generate) in MILITARIES.items():
        a = Actor(mid, "military", mname, cid)
        # The IRGC is not Iran's regular army: "Iranian military" does not name it.
        if cid in GOV_COUNTRIES and (not generate or generate[0]):
            name, demonym, _ = GOV_COUNTRIES[cid]
            for al in military_aliases(name, demonym):
                a.add(al, 1)
        for al in extra:
            a.add(al, 0)
        out.append(a)
    return out


def build_others():
    out = []
    for aid, atype, name, parent, aliases in ORGANISATIONS:
        a = Actor(aid, atype, name, parent)
        for al in aliases:
            a.add(al, 0)
        out.append(a)
    for aid, name, aliases in GROUPS:
        a = Actor(aid, "group", name)
        for al in aliases:
            a.add(al, 0)
        out.append(a)
    for aid, name, aliases in PRESIDENTS:
        a = Actor(aid, "person", name, "USA.WH")
        add_person_aliases(a, aliases)
        out.append(a)
    for aid, name, parent, aliases in PEOPLE:
        a = Actor(aid, "person", name, parent)
        add_person_aliases(a, aliases)
        out.append(a)
    return out


def clean(actors, independent):
    """Drop unsafe forms and resolve aliases claimed by several actors."""
    claims = {}
    for a in actors:
        drop = DROP_ALIASES.get(a.id, set())
        kept = []
        for alias, prio in a.aliases:
            key = fold(alias)
            if prio > 0 and (key in UNSAFE_FORMS or key in drop):
                continue
            if "(" in alias or (prio > 0 and "," in alias) or not latin_only(alias):
                continue
            if prio > 0 and re.fullmatch(r"[A-Z]{2}", alias):  # ISO alpha-2 codes
                continue
            kept.append((alias, prio))
        a.aliases = kept
        for alias, prio in kept + [(a.name, -1)]:
            claims.setdefault(form_key(alias), []).append(
                (prio, 0 if independent.get(a.id) else 1, a.id))
    winner = {}
    for key, owners in claims.items():
        shared = SHARED_ALIASES.get(key)
        if shared:  # deliberately names several actors: each of them keeps it
            winner[key] = shared
            continue
        owners.sort()
        best = owners[0]
        rivals = [o for o in owners[1:] if o[:2] == best[:2] and o[2] != best[2]]
        winner[key] = None if rivals else best[2]
        if rivals:
            print(f"build_gazetteer: dropping ambiguous form {key!r}: "
                  f"{[o[2] for o in owners]}", file=sys.stderr)
    for a in actors:
        seen = {form_key(a.name)}
        out = []
        for alias, _ in a.aliases:
            key = form_key(alias)
            owner = winner.get(key)
            if key in seen or not (owner == a.id or (isinstance(owner, set) and a.id in owner)):
                continue
            seen.add(key)
            out.append(alias)
        a.aliases = out


def render(actors, local_lines):
    lines = [
        "# Dossier actor gazetteer. Generated by scripts/build_gazetteer.py; see corpus/README.md.",
        "# Derived from world-countries 5.1.0 (ODbL-1.0), Debian iso-codes 4.15.0 (LGPL-2.1+) and",
        "# PETRARCH2 Phoenix dictionaries (MIT), plus curated entries. This file is made available",
        "# under the Open Database License (ODbL-1.0): share-alike applies to derived databases.",
        "#",
        "# Format: UTF-8, one actor per line, tab-separated: id, type, name, parent, aliases.",
        "# Aliases are separated by '|'; the name is matched too. Matching is case-insensitive,",
        "# except words written entirely in capitals (US, UN, NATO, PLA), which match only in",
        "# capitals. Types: " + ", ".join(TYPES) + ".",
        "# Edit freely; lines after the 'local additions' marker survive a rebuild.",
        "id\ttype\tname\tparent\taliases",
    ]
    for a in actors:
        for field in (a.id, a.type, a.name, a.parent, *a.aliases):
            assert "\t" not in field and "|" not in field and "\n" not in field, field
        lines.append("\t".join([a.id, a.type, a.name, a.parent, "|".join(a.aliases)]))
    lines.append(LOCAL_MARKER)
    lines.extend(local_lines)
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()
    if not args.data.is_dir():
        print(f"build_gazetteer: {args.data}: no such directory (pass --data)", file=sys.stderr)
        return 2

    countries, independent = build_countries(args.data)
    former = build_former(args.data, countries)
    subs = build_subactors(countries)
    others = build_others()
    actors = sorted(countries.values(), key=lambda a: a.id) + former + subs + others

    ids = [a.id for a in actors]
    dup = {i for i in ids if ids.count(i) > 1}
    if dup:
        print(f"build_gazetteer: duplicate ids {sorted(dup)}", file=sys.stderr)
        return 1
    known = set(ids)
    for a in actors:
        if a.parent and a.parent not in known:
            print(f"build_gazetteer: {a.id}: unknown parent {a.parent}", file=sys.stderr)
            return 1
    clean(actors, independent)

    local = []
    if args.out.exists():
        text = args.out.read_text(encoding="utf-8").splitlines()
        if LOCAL_MARKER in text:
            local = text[text.index(LOCAL_MARKER) + 1:]
    out = render(actors, local)
    if args.check:
        current = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
        if current != out:
            print(f"build_gazetteer: {args.out} is out of date", file=sys.stderr)
            return 1
        return 0
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(out, encoding="utf-8")
    n_alias = sum(len(a.aliases) for a in actors)
    print(f"build_gazetteer: wrote {len(actors)} actors, {n_alias} aliases to {args.out}",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
