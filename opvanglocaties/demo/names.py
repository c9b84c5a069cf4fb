"""Word lists for realistic demo data (invented names; streets come from demo_geography.json)."""

LOCATION_PREFIXES_GROUP = [
    "Kinderdagverblijf",
    "Kinderopvang",
    "Crèche",
    "Minicrèche",
    "Babyhuis",
    "Peuterhuis",
]
LOCATION_PREFIXES_FAMILY = ["Gezinsopvang", "Onthaalouder"]
LOCATION_NAMES = [
    "De Speelvogel",
    "'t Rakkertje",
    "Pimpampoentje",
    "De Kleine Wereld",
    "Het Nestje",
    "Zonnestraal",
    "De Knuffelbeer",
    "Kaboutertje",
    "De Vlindertuin",
    "Het Boomhutje",
    "Kriebelmuis",
    "De Regenboog",
    "Sterretje",
    "'t Kuikentje",
    "De Wolkjes",
    "Hummeltje",
    "De Paddenstoel",
    "Klavertje Vier",
    "Het Vogelnest",
    "Kiekeboe",
    "De Speelwolk",
    "Tuimelaar",
    "Lieveheersbeestje",
    "De Zandbak",
    "Pluizebol",
    "Het Kastanjetje",
    "De Egeltjes",
    "Kleine Beer",
    "Bengeltje",
    "De Zonnebloem",
    "Knabbel en Babbel",
    "Het Wiegje",
    "De Appelboom",
    "Dribbel",
    "Snoezel",
    "Het Hummelhuis",
    "De Kangoeroe",
    "Mamaloe",
    "Het Speelhof",
    "De Toverfluit",
]
ORGANISER_NAMES = [
    ("Kinderopvang Stad {city}", "public"),
    ("Vzw Het Kinderhuis {city}", "vzw"),
    ("Vzw Kind en Buurt", "vzw"),
    ("Kinderopvang De Stip bv", "bv"),
    ("Vzw Samenwerkende Crèches", "vzw"),
    ("Babilou Vlaanderen nv", "nv"),
    ("Vzw Speelbal", "vzw"),
    ("Kinderdagverblijven Vanhecke bv", "bv"),
    ("Coöperatie Opvang Samen cv", "cv"),
    ("Vzw Buurtcrèches", "vzw"),
    ("OCMW-vereniging Kinderopvang", "public"),
    ("Vzw Kleine Wereld", "vzw"),
]
PEDAGOGICAL = [
    "<p>We werken volgens de principes van Emmi Pikler: rust, vrije beweging en aandacht "
    "bij de verzorging.</p>",
    "<p>Spelen in de natuur staat centraal: elke dag gaan de kinderen naar buiten, ook als "
    "het regent.</p>",
    "<p>We volgen het ritme van elk kind en werken met vaste begeleiders per leefgroep.</p>",
    "<p>Meertaligheid is welkom: we moedigen ouders aan hun thuistaal te blijven spreken.</p>",
]
ADMISSION = (
    "<p>We nemen aanvragen op in volgorde van ontvangst en passen de voorrangsregels toe "
    "die hieronder staan. Minstens 20% van de plaatsen gaat naar gezinnen met voorrang.</p>"
)
INTAKE = (
    "<p>Na een positief antwoord nodigen we je uit voor een rondleiding en een intakegesprek. "
    "Daarna ondertekenen we samen de schriftelijke overeenkomst.</p>"
)
