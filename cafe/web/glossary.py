"""The method words the product keeps, explained in plain words (NL/FR/EN).

Help lines in the editor link here (`/glossary#icamo`): a community worker who never heard of
ICAMO or a Policy Delphi reads what it is before choosing it.
"""

from flask_babel import lazy_gettext as _l

# (anchor, term, explanation). Anchors are stable: other pages link to them.
TERMS = (
    ("burning-platform", _l("Burning platform"),
     _l("An important, relevant and urgent problem that the neighbourhood names together. "
        "Naming it creates the energy to look for a shared vision and solutions. In "
        "Buurtcafé residents post it as a card on the board, beside what the neighbourhood "
        "is good at (its talents).")),
    ("needs-and-talents", _l("Needs and talents"),
     _l("A need is a worry or problem someone sees in the neighbourhood; a talent is "
        "something the neighbourhood is strong in or that someone can contribute. Asking "
        "for both keeps the evening from becoming a list of complaints.")),
    ("dot-voting", _l("Dot voting"),
     _l("Everyone gets a few dots and gives them to what they find most important. The "
        "cards with the most dots are the room's priorities.")),
    ("world-cafe", _l("World Café"),
     _l("A conversation at small tables, a few rounds long. Each round has one question; a "
        "host stays at the table, the others move to another table, so ideas travel "
        "through the room. At the end the tables' harvests are brought together.")),
    ("harvest", _l("Harvest"),
     _l("What a table writes down during a round: insights, questions and ideas. The "
        "harvests of all tables are read together at the end (the plenary harvest).")),
    ("host", _l("Table host"),
     _l("The person who stays at a World Café table for every round, welcomes the new "
        "guests and sums up what the table said before.")),
    ("theory-of-change", _l("Theory of change"),
     _l("A canvas made with the neighbourhood: the long-term change it wants, the steps "
        "on the way, the activities that lead there, who does what, and the signs "
        "(indicators) the community chooses to see whether it works.")),
    ("icamo", _l("ICAMO"),
     _l("A way to look back at what worked: Intervention (what was done), Context (where "
        "and when), Actors (who took part), Mechanisms (why it worked or not) and "
        "Outcomes (what changed).")),
    ("policy-delphi", _l("Policy Delphi"),
     _l("An anonymous consultation in rounds, over days or weeks. Panelists rate "
        "statements and give reasons; the next round shows the group's answers and asks "
        "again. A Policy Delphi names where people agree and where they keep disagreeing: "
        "dissent is a result, not a failure.")),
    ("consensus-and-dissent", _l("Consensus and dissent"),
     _l("Consensus: most people agree (by default: a narrow spread of answers and a large "
        "share agreeing). Dissent: the answers stay far apart. Both go into the report.")),
    ("opinion-groups", _l("Opinion groups"),
     _l("Groups of people who voted alike on the statements, found from the votes alone. "
        "Nobody is named; a group is shown only when it has at least five people.")),
    ("building-blocks", _l("Building blocks"),
     _l("The eight building blocks of a caring neighbourhood: social networks; strengths "
        "and talents; awareness and information; detection; referral; cross-sector "
        "collaboration; analysis, evaluation and impact; policy advice.")),
    ("stakeholder-roles", _l("Stakeholder roles"),
     _l("Who someone speaks as: a resident, a volunteer, a professional, an experience "
        "expert, local government. Results can be shown per role; nobody's name is.")),
    ("neighbourhood-analysis", _l("Neighbourhood analysis"),
     _l("The figures of the neighbourhood (inhabitants, age, income, green space…) with "
        "what residents say about it, its priorities and who is involved: the document "
        "the steering committee works from.")),
)
