"""The demo company: Ateliers Lumen, a fictional French maker of industrial lighting."""

from __future__ import annotations

import csv
import io
import random

DEMO_DOMAIN = "lumen.example"
DEMO_PASSWORD = "demo-charte-2026"  # noqa: S105 - printed on purpose for the demo

DEPARTMENTS = [
    "Direction générale", "Ressources humaines", "Juridique", "Communication", "Ventes",
    "Recherche et développement", "Production", "Finance", "Informatique", "Service client",
]
# Their names on English pages (the HRIS export's optional department_en column).
DEPARTMENTS_EN = {
    "Direction générale": "Executive management", "Ressources humaines": "Human resources", "Juridique": "Legal",
    "Communication": "Communications", "Ventes": "Sales", "Recherche et développement": "Research and development",
    "Production": "Manufacturing", "Finance": "Finance", "Informatique": "IT", "Service client": "Customer service",
}

# (login, first, last, department, roles, language): one per role, then ordinary employees.
PERSONAS = [
    ("hr", "Hélène", "Rousseau", "Ressources humaines", "hr", "fr"),
    ("approver", "Antoine", "Perrin", "Direction générale", "approver", "fr"),
    ("legal", "Louise", "Garnier", "Juridique", "legal", "fr"),
    ("reviewer", "Romain", "Vidal", "Juridique", "reviewer", "fr"),
    ("crisis", "Claire", "Morel", "Communication", "crisis", "fr"),
    ("spokesperson", "Samuel", "Lefort", "Communication", "spokesperson;crisis", "fr"),
    ("voice", "Margaux", "Delorme", "Direction générale", "voice", "fr"),
    ("employee", "Émile", "Bernard", "Production", "", "fr"),
    ("employee.en", "Emma", "Walsh", "Ventes", "", "en"),
    ("admin", "Adrien", "Martin", "Informatique", "admin", "fr"),
]

FIRST_NAMES = ["Camille", "Lucas", "Chloé", "Hugo", "Léa", "Nathan", "Manon", "Théo", "Inès", "Jules",
               "Sarah", "Louis", "Jade", "Gabriel", "Zoé", "Arthur", "Lina", "Raphaël", "Anna", "Paul",
               "Yasmine", "Mehdi", "Sofia", "Karim", "Julie", "Maxime", "Alice", "Thomas", "Eva", "Noah",
               "Olivia", "Tom", "Mila", "Adam", "Rose", "Victor", "Ambre", "Sacha", "Nora", "Liam", "Iris"]
LAST_NAMES = ["Petit", "Durand", "Leroy", "Moreau", "Simon", "Laurent", "Lefebvre", "Michel", "Garcia",
              "David", "Bertrand", "Roux", "Vincent", "Fournier", "Girard", "Bonnet", "Dupont", "Lambert",
              "Fontaine", "Chevalier", "Robin", "Masson", "Sanchez", "Gauthier", "Nicolas", "Henry",
              "Perrot", "Mathieu", "Clément", "Gautier", "Meyer", "Boyer", "Blanc", "Guerin", "Faure",
              "Andre", "Mercier", "Dupuis", "Brun", "Barbier", "Arnaud"]

EXTRA_EMPLOYEES = 41


def demo_directory_csv() -> bytes:
    """A deterministic HRIS export of about 50 people, in the format import_employees reads."""
    rng = random.Random(2026)  # noqa: S311 - demo data, not security
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["employee_id", "first_name", "last_name", "email", "department", "manager_id",
                     "language", "status", "roles", "hired_on", "department_en"])
    writer.writerow(["LUM-0001", "Antoine", "Perrin", f"approver@{DEMO_DOMAIN}", "Direction générale", "",
                     "fr", "active", "approver", "2012-03-01", DEPARTMENTS_EN["Direction générale"]])
    managers = {"Direction générale": "LUM-0001"}
    number = 1
    for login, first, last, dept, roles, lang in PERSONAS:
        if login == "approver":
            continue
        number += 1
        eid = f"LUM-{number:04d}"
        writer.writerow([eid, first, last, f"{login}@{DEMO_DOMAIN}", dept, managers.get(dept, "LUM-0001"),
                         lang, "active", roles, "2018-09-03", DEPARTMENTS_EN[dept]])
        managers.setdefault(dept, eid)
    for i in range(EXTRA_EMPLOYEES):
        number += 1
        first, last = FIRST_NAMES[i % len(FIRST_NAMES)], LAST_NAMES[(i * 7) % len(LAST_NAMES)]
        dept = DEPARTMENTS[rng.randrange(len(DEPARTMENTS))]
        email = f"{first}.{last}".lower().translate(str.maketrans("éèëïîôç", "eeeiioc")) + f"@{DEMO_DOMAIN}"
        lang = "en" if rng.random() < 0.15 else "fr"
        writer.writerow([f"LUM-{number:04d}", first, last, email, dept, managers.get(dept, "LUM-0001"), lang,
                         "active", "", f"20{rng.randrange(10, 26)}-{rng.randrange(1, 13):02d}-01",
                         DEPARTMENTS_EN[dept]])
    return out.getvalue().encode()
