"""Text of the demo practice's services, clinicians and practice pages, written for this project.

Standard page bodies use the same part format as practice_site.demo.articles; ("gfe",) places the Good Faith
Estimate notice, ("plans",) the accepted insurance plans and ("qa", question, answer_html) a question and answer.
"""

SERVICES = [
    {
        "slug": "trauma-therapy",
        "title": "Trauma therapy",
        "summary": "Steady, paced support for people living with the effects of frightening or overwhelming "
        "experiences, whether recent or long ago.",
        "who_it_helps": "<p>Trauma therapy can help if you:</p><ul><li>have been through an accident, assault, "
        "loss, medical crisis or disaster;</li><li>grew up in a home that felt unsafe or unpredictable;</li>"
        "<li>notice flashbacks, nightmares, feeling on edge, or feeling numb and far away;</li><li>avoid "
        "places, people or conversations because of what they bring up.</li></ul>",
        "what_to_expect": "<p>We start with safety and stabilisation: understanding your reactions and building "
        "skills to settle your body and mind. When you are ready, we may use approaches such as EMDR, cognitive "
        "processing therapy or parts work to help memories lose their sharp edges. You set the pace, and you can "
        "pause at any time.</p>",
        "session_length_minutes": 53,
        "fee": "$160 per session",
        "faq": [
            ("Do I have to talk about everything that happened?",
             "<p>No. Many approaches work without a detailed retelling, and you always choose what to share.</p>"),
            ("How long does trauma therapy take?",
             "<p>It varies a great deal. Some people feel relief within a few months; others choose longer-term "
             "work. We review progress with you regularly.</p>"),
        ],
    },
    {
        "slug": "emdr-therapy",
        "title": "EMDR therapy",
        "summary": "Eye Movement Desensitization and Reprocessing, a structured therapy that helps painful memories "
        "feel like they belong to the past.",
        "who_it_helps": "<p>EMDR is widely studied for post-traumatic stress and is also used for phobias, "
        "disturbing memories, and some kinds of anxiety. It can suit people who find it hard to put experiences "
        "into words.</p>",
        "what_to_expect": "<p>After a few preparation sessions, you hold part of a memory in mind while following "
        "gentle side-to-side eye movements, taps or tones. Each session ends with grounding so you leave feeling "
        "settled. EMDR is available in person and by telehealth.</p>",
        "session_length_minutes": 53,
        "fee": "$160 per session; 90-minute intensives $270",
        "faq": [
            ("Is EMDR hypnosis?",
             "<p>No. You are awake, aware and in control throughout, and you can stop whenever you wish.</p>"),
            ("Can EMDR be done online?",
             "<p>Yes. We use on-screen eye movements or self-tapping over a secure video connection.</p>"),
        ],
    },
    {
        "slug": "anxiety-therapy",
        "title": "Anxiety therapy",
        "summary": "Practical, compassionate help with worry, panic, and the tension that makes everyday life feel "
        "harder than it should.",
        "who_it_helps": "<p>Support for constant worry, panic attacks, health anxiety, social anxiety, "
        "perfectionism, and the trouble sleeping that often comes with them.</p>",
        "what_to_expect": "<p>We combine skills you can use right away, such as breathing and grounding, with "
        "approaches like cognitive behavioral therapy (CBT) and acceptance and commitment therapy (ACT) that "
        "change how you relate to anxious thoughts over time.</p>",
        "session_length_minutes": 53,
        "fee": "$160 per session",
        "faq": [
            ("Will I have to do homework?",
             "<p>We may suggest small practices between sessions. They are invitations, never tests.</p>"),
            ("Do you prescribe medication?",
             "<p>Our counselors do not prescribe. If medication might help, we can coordinate with your doctor or "
             "a psychiatrist.</p>"),
        ],
    },
    {
        "slug": "couples-counseling",
        "title": "Couples counseling",
        "summary": "A calm space for partners to slow down hard conversations, understand their patterns and "
        "reconnect.",
        "who_it_helps": "<p>Couples who feel stuck in the same arguments, are recovering from a breach of trust, "
        "are navigating a big transition such as a new baby or a move, or simply want to feel closer. We welcome "
        "couples of every orientation and relationship structure.</p>",
        "what_to_expect": "<p>The first session is together, followed by a brief individual meeting with each "
        "partner. We draw on Emotionally Focused Therapy and the Gottman Method to understand the cycle you are "
        "in and practise new ways of reaching each other.</p>",
        "session_length_minutes": 60,
        "fee": "$180 per session",
        "faq": [
            ("What if my partner is not sure about counseling?",
             "<p>That is common. A consultation call can answer their questions, and some people start with an "
             "individual session.</p>"),
            ("Do you see couples when there is violence in the relationship?",
             "<p>Couples counseling is not safe when there is violence or coercion. We can help you find "
             "individual support and safety planning instead.</p>"),
        ],
    },
]

CLINICIANS = [
    {
        "slug": "maya-castillo",
        "title": "Maya Castillo",
        "pronouns": "she/her",
        "credentials": "LPC-S",
        "licenses": [("TX", "LPC-S", "70412")],
        "supervisor_name": "",
        # (format, age group, status, months until it is expected to open or None, public note)
        "openings": [
            ("in_person", "adults", "waitlist", 3, "Her office days are full; telehealth has room now."),
            ("telehealth", "adults", "open", None, ""),
            ("in_person", "older_adults", "open", None, ""),
            ("telehealth", "older_adults", "open", None, ""),
        ],
        "specialties": ["trauma-therapy", "emdr-therapy", "anxiety-therapy"],
        "concerns": ["Trauma and PTSD", "Anxiety", "Grief and loss", "Life transitions"],
        "ages_served": ["adults", "older_adults"],
        "insurance_plans": ["Blue Cross Blue Shield of Texas", "Aetna", "UnitedHealthcare"],
        "approaches": "EMDR, Cognitive Processing Therapy, Internal Family Systems, mindfulness",
        "languages": ["en", "es"],
        "biography": "<p>Maya founded Rooted Therapy after fifteen years of working in community mental health "
        "and hospital settings in Houston. She specialises in trauma and is certified in EMDR.</p><p>Clients "
        "describe her as warm, steady and direct. Outside the office she gardens, badly, and walks the bayou "
        "trails with her dog.</p>",
    },
    {
        "slug": "jordan-avery",
        "title": "Jordan Avery",
        "pronouns": "they/them",
        "credentials": "LMFT",
        "licenses": [("TX", "LMFT", "20987")],
        "supervisor_name": "",
        "openings": [
            ("in_person", "adults", "waitlist", 2, "A short waitlist, usually about six weeks."),
            ("telehealth", "adults", "closed", 4, ""),
        ],
        "specialties": ["couples-counseling", "anxiety-therapy"],
        "concerns": ["Couples and relationships", "LGBTQ+ affirming care", "Life transitions", "Anxiety"],
        "ages_served": ["adults"],
        "insurance_plans": ["Aetna", "Cigna"],
        "approaches": "Emotionally Focused Therapy, Gottman Method, narrative therapy",
        "languages": ["en"],
        "biography": "<p>Jordan works with couples and individuals who want more ease in their relationships. "
        "They are especially experienced with LGBTQ+ couples, blended families and partners navigating "
        "big life transitions.</p><p>Jordan’s style is curious and gently humorous. They currently keep a short "
        "waitlist.</p>",
    },
    {
        "slug": "priya-raman",
        "title": "Priya Raman",
        "pronouns": "she/her",
        "credentials": "LPC Associate",
        "licenses": [("TX", "LPC Associate", "81234")],
        "supervisor_name": "Maya Castillo, LPC-S",
        "openings": [
            ("in_person", "teens", "open", None, "After-school times on Tuesdays and Thursdays."),
            ("telehealth", "teens", "open", None, ""),
            ("in_person", "adults", "open", None, ""),
            ("telehealth", "adults", "waitlist", 1, ""),
        ],
        "specialties": ["anxiety-therapy", "trauma-therapy"],
        "concerns": ["Anxiety", "Trauma and PTSD", "Life transitions"],
        "ages_served": ["teens", "adults"],
        "insurance_plans": ["Blue Cross Blue Shield of Texas", "Out-of-network plans (superbill)"],
        "approaches": "CBT, Acceptance and Commitment Therapy, somatic grounding",
        "languages": ["en", "ta"],
        "biography": "<p>Priya works with teens and adults living with anxiety, perfectionism and the after-effects "
        "of stressful experiences. She brings a practical, skills-first approach and a lot of patience.</p>"
        "<p>Before becoming a counselor Priya taught high school science, which left her with a deep respect "
        "for how much young people carry.</p>",
    },
]

CLINICIANS.append({
    "slug": "lucia-herrera",
    "title": "Lucía Herrera",
    "pronouns": "she/her",
    "credentials": "LPC, LMFT",
    "licenses": [("TX", "LPC", "74518"), ("TX", "LMFT", "21934")],
    "supervisor_name": "",
    "openings": [
        ("telehealth", "children", "open", None, "A parent or carer joins the first session."),
        ("telehealth", "teens", "open", None, ""),
        ("telehealth", "adults", "closed", 5, ""),
    ],
    "specialties": ["anxiety-therapy", "couples-counseling"],
    "concerns": ["Perinatal and postpartum", "Couples and relationships", "Anxiety", "Grief and loss"],
    "ages_served": ["children", "teens", "adults"],
    "insurance_plans": ["Blue Cross Blue Shield of Texas", "Out-of-network plans (superbill)"],
    "approaches": "Family systems, CBT, play therapy for younger children",
    "languages": ["es", "en"],
    "in_person": False,
    "biography": "<p>Lucía sees individuals, couples and families in Spanish or English, by telehealth "
    "throughout Texas. She has a particular interest in the months around pregnancy and a new baby, and in "
    "families finding their footing after a move.</p><p>Lucía grew up between Monterrey and Houston and "
    "knows how much it can matter to talk about feelings in the language you first had them in.</p>",
})

# Concerns people can look for on the team page (staff manage the list under Snippets).
CONCERNS = [
    "Anxiety", "Trauma and PTSD", "Grief and loss", "Couples and relationships", "LGBTQ+ affirming care",
    "Perinatal and postpartum", "Life transitions", "Depression",
]
# (name, network, notes, accepted)
INSURANCE_PLANS = [
    ("Blue Cross Blue Shield of Texas", "in_network", "PPO and HMO plans; not Medicaid.", True),
    ("Aetna", "in_network", "", True),
    ("Cigna", "in_network", "", True),
    ("UnitedHealthcare", "in_network", "Optum behavioral health plans.", True),
    ("Out-of-network plans (superbill)", "superbill", "We give you a monthly superbill to claim back.", True),
    ("Medicare", "in_network", "We hope to offer this again; not accepted at the moment.", False),
]
# Each service's concerns, by service slug.
SERVICE_CONCERNS = {
    "trauma-therapy": ["Trauma and PTSD", "Grief and loss"],
    "emdr-therapy": ["Trauma and PTSD", "Anxiety"],
    "anxiety-therapy": ["Anxiety", "Life transitions", "Perinatal and postpartum"],
    "couples-counseling": ["Couples and relationships", "LGBTQ+ affirming care"],
}
# Texas Behavioral Health Executive Council: where the public checks an LPC, LMFT or LCSW license.
TEXAS_LICENSE_LOOKUP = "https://bhec.texas.gov/verify-a-license/"

ABOUT = {
    "slug": "about",
    "title": "About us",
    "show_in_menus": True,
    "introduction": "Rooted Therapy is a small counseling practice in Houston offering trauma-informed care in "
    "person and by telehealth throughout Texas.",
    "body": [
        ("h2", "How we work"),
        ("p", "We believe therapy works best when you feel safe, respected and in charge of your own pace. Our "
         "clinicians are licensed in Texas and trained in evidence-based approaches, and we take the time to "
         "explain what we are doing and why."),
        ("ul", [
            "Calm, predictable sessions with no pressure to share before you are ready.",
            "Clear information about fees, insurance and scheduling before you book.",
            "Telehealth for anyone in Texas, and a quiet office near the Galleria for in-person visits.",
        ]),
        ("h2", "Our office"),
        ("p", "Our office is on the ninth floor of an accessible building with elevator access, free garage "
         "parking and a single-stall restroom. If you need any accommodation, tell us and we will arrange it."),
        ("quote", "We want the first step to feel a little lighter than you expected.", "The Rooted team"),
    ],
}

FEES = {
    "slug": "fees",
    "title": "Fees & insurance",
    "show_in_menus": True,
    "introduction": "Clear costs before you begin, so there are no surprises.",
    "body": [
        ("h2", "Session fees"),
        ("ul", [
            "Free 15-minute phone consultation.",
            "First session (intake assessment, 60 minutes): $190.",
            "Individual therapy (53 minutes): $160.",
            "Couples counseling (60 minutes): $180.",
            "EMDR intensive (90 minutes): $270.",
        ]),
        ("p", "We hold a limited number of reduced-fee spots for people with financial need. Ask about them during "
         "your consultation."),
        ("h2", "Insurance"),
        ("plans",),
        ("p", "We recommend calling your insurer to ask about your mental health benefits before your first "
         "session."),
        ("h2", "Cancellations"),
        ("p", "Please give at least 24 hours’ notice if you need to cancel. Late cancellations may be charged the "
         "full session fee; we always waive it for emergencies and illness."),
        ("gfe",),
    ],
}

PRIVACY = {
    "slug": "privacy",
    "title": "Privacy policy",
    "show_in_menus": False,
    "introduction": "What this website collects, and what it does not.",
    "body": [
        ("h2", "No tracking"),
        ("p", "This website does not use analytics, advertising pixels, social media widgets or any other "
         "third-party scripts. It does not set cookies when you read pages. Fonts and images are served from our "
         "own server."),
        ("h2", "Consultation requests"),
        ("p", "If you send a consultation request, we store what you type in our own database so that our intake "
         "staff can reply. Only intake staff can read it. Email notifications to staff say only that a request "
         "is waiting; they never contain what you wrote."),
        ("ul", [
            "We keep requests that do not lead to therapy for no longer than twelve months, then delete them.",
            "We never sell or share your information for marketing.",
            "You may ask us to see or delete what you sent at any time.",
        ]),
        ("h2", "Server logs"),
        ("p", "Like every website, our server briefly records technical details such as the page requested and "
         "the time, to keep the site secure. These logs are deleted after 30 days."),
        ("callout", "Your health information",
         "<p>Once you become a client, your records are protected by HIPAA and described in our Notice of "
         "Privacy Practices.</p>"),
    ],
}

PRIVACY_NOTICE = {
    "slug": "notice-of-privacy-practices",
    "title": "Notice of privacy practices",
    "show_in_menus": False,
    "introduction": "This notice describes how medical information about you may be used and disclosed and how you "
    "can get access to this information. Please review it carefully.",
    "body": [
        ("h2", "Our responsibilities"),
        ("p", "We are required by law to maintain the privacy and security of your protected health information, "
         "to tell you promptly if a breach occurs that may have compromised it, and to follow the practices "
         "described in this notice."),
        ("h2", "How we may use and share your information"),
        ("ul", [
            "<b>Treatment</b>: for example, consulting with your physician with your permission.",
            "<b>Payment</b>: billing you or your insurance for services.",
            "<b>Health care operations</b>: running our practice and improving care.",
            "<b>As required by law</b>: including reporting suspected abuse or neglect, or when there is a serious "
            "threat to someone’s health or safety.",
        ]),
        ("p", "Psychotherapy notes receive extra protection and are not shared without your written "
         "authorisation, except in the limited cases the law allows."),
        ("h2", "Your rights"),
        ("ul", [
            "Get a copy of your health and claims records.",
            "Ask us to correct your records.",
            "Request confidential communications, such as contact only by a particular phone number.",
            "Ask us to limit what we use or share.",
            "Get a list of those with whom we have shared information.",
            "Get a copy of this notice, and file a complaint if you feel your rights have been violated.",
        ]),
        ("p", "You can file a complaint with us or with the U.S. Department of Health and Human Services Office "
         "for Civil Rights. We will not retaliate against you for filing a complaint."),
        ("p", "Effective date: January 1, 2026."),
    ],
}

ACCESSIBILITY = {
    "slug": "accessibility",
    "title": "Accessibility statement",
    "show_in_menus": False,
    "introduction": "We want everyone to be able to use this website and our services.",
    "body": [
        ("h2", "Our standard"),
        ("p", "This website aims to meet the Web Content Accessibility Guidelines (WCAG) 2.2 at level AA. Pages "
         "work with a keyboard and screen readers, respect your reduced-motion and dark-mode settings, and are "
         "checked with automated accessibility tests whenever they change."),
        ("h2", "In our office"),
        ("p", "Our building has step-free access, elevators and an accessible restroom. Telehealth sessions can "
         "include captions on request."),
        ("h2", "Tell us about a problem"),
        ("p", "If something on this site does not work for you, please call or email us. We will help you get the "
         "information you need another way and fix the problem."),
    ],
}

STANDARD_PAGES = [ABOUT, FEES, PRIVACY, PRIVACY_NOTICE, ACCESSIBILITY]

FAQ = {
    "slug": "faq",
    "title": "Frequently asked questions",
    "introduction": "Answers to the questions people ask us most often. If yours is not here, please get in touch.",
    "questions": [
        ("How do I get started?",
         "<p>Request a free 15-minute consultation. We will call or email, whichever you prefer, soon after "
         "your request arrives.</p>"),
        ("Do you take insurance?",
         "<p>We are in network with Blue Cross Blue Shield of Texas and Aetna, and provide superbills for other "
         "plans. See our fees and insurance page for details.</p>"),
        ("Can I see a therapist if I live outside Houston?",
         "<p>Yes, by telehealth, as long as you are in Texas during your sessions. Texas licenses only cover "
         "clients located in Texas.</p>"),
        ("Do you work with teens?",
         "<p>Priya Raman sees teens aged 13 and over. A parent or guardian needs to consent to treatment and "
         "joins the first appointment.</p>"),
        ("What if I am in crisis?",
         "<p>We are not a crisis service. Call or text 988 for the Suicide &amp; Crisis Lifeline, call 911, or go "
         "to the nearest emergency room.</p>"),
        ("Is what I say confidential?",
         "<p>Yes, with a few legal exceptions, such as a serious risk of harm to yourself or someone else, or "
         "suspected abuse of a child or vulnerable adult. Your therapist will explain these in your first "
         "session.</p>"),
    ],
}

HOME_SERVICES = ["trauma-therapy", "emdr-therapy", "anxiety-therapy", "couples-counseling"]
