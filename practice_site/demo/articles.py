"""Articles of the demo practice, written for this project.

Each body is a list of parts: ("p", html), ("ul"/"ol", [items]), ("h2"/"h3", text), ("quote", text, attribution),
("callout", heading, html), ("image", image key, caption). ``{service:slug}`` becomes a link to that service page.
"""

TOPICS = [
    ("Trauma", "trauma", "How trauma shows up in everyday life, and how people heal from it."),
    ("Anxiety", "anxiety", "Understanding worry and panic, and skills that make them smaller."),
    ("Relationships", "relationships", "Couples, families and the ways we connect and disconnect."),
    ("Starting therapy", "starting-therapy", "What to expect, what to ask, and how to find a good fit."),
    ("Self-care", "self-care", "Small, realistic practices that support your mental health between sessions."),
]

ARTICLES = [
    {
        "slug": "what-trauma-informed-therapy-means",
        "title": "What “trauma-informed” therapy actually means",
        "summary": "The phrase is everywhere. Here is what it looks like in the room, and what you can expect "
        "from a therapist who practises it.",
        "author": "maya-castillo",
        "reviewer": None,
        "topics": ["trauma", "starting-therapy"],
        "services": ["trauma-therapy"],
        "days_ago": 160,
        "image": "article-roots",
        "content_note": "",
        "body": [
            ("p", "“Trauma-informed” has become a popular label, and like many popular labels it can start to "
             "sound like marketing. It is worth slowing down and asking what it means in practice, because the "
             "idea behind it is simple and important: many people who come to therapy have lived through "
             "experiences that overwhelmed their ability to cope, and the way care is offered can either respect "
             "that or accidentally repeat it."),
            ("h2", "Safety comes before stories"),
            ("p", "A trauma-informed therapist does not ask you to tell the worst parts of your history in the "
             "first session. Early work is about building enough safety and steadiness that difficult memories "
             "can be approached without flooding you. That might mean learning how your nervous system signals "
             "danger, practising ways to settle, or simply getting to know your therapist well enough to trust "
             "them."),
            ("p", "You decide what to share and when. If a question feels like too much, you can say so, and a good "
             "therapist will treat that as useful information rather than resistance."),
            ("h2", "Five principles you should notice"),
            ("ul", [
                "<b>Safety</b>: physical and emotional. The room, the pace and the conversation should feel "
                "predictable.",
                "<b>Trustworthiness and transparency</b>: your therapist explains what they are doing and why.",
                "<b>Choice</b>: you are offered options, including the option to pause or stop.",
                "<b>Collaboration</b>: goals are set together, not handed to you.",
                "<b>Empowerment</b>: the work builds on strengths you already have.",
            ]),
            ("quote", "Healing does not mean the past disappears. It means the past stops running the present.",
             "Maya Castillo, LPC-S"),
            ("h2", "What it is not"),
            ("p", "Trauma-informed care is not a single technique, and it does not assume that everyone who walks "
             "in has a trauma history. It is a way of working that stays curious about what has happened to a "
             "person, rather than only what is wrong with them. Specific methods such as "
             "{service:emdr-therapy}, cognitive processing therapy or somatic approaches may be part of it, "
             "but the foundation is the relationship."),
            ("h3", "A note on pace"),
            ("p", "People are often surprised by how gradual the first weeks feel. That is deliberate. Going slowly "
             "at the start usually makes the deeper work possible later, and it lowers the chance that therapy "
             "itself becomes one more overwhelming experience."),
            ("callout", "Questions you can ask any therapist",
             "<ul><li>How do you help clients feel steady before we talk about hard things?</li>"
             "<li>What happens if I get overwhelmed in a session?</li>"
             "<li>How will we decide together what to work on?</li></ul>"),
            ("p", "A therapist who welcomes these questions is showing you, in a small way, how they will treat you "
             "once the work begins. If you would like to talk through whether our approach fits what you are "
             "looking for, a free consultation call is a low-pressure place to start."),
        ],
    },
    {
        "slug": "emdr-explained",
        "title": "EMDR, explained without the jargon",
        "summary": "Eye Movement Desensitization and Reprocessing has a long name and a simple aim: helping painful "
        "memories feel like the past. Here is how a course of EMDR usually unfolds.",
        "author": "maya-castillo",
        "reviewer": "jordan-avery",
        "topics": ["trauma"],
        "services": ["emdr-therapy", "trauma-therapy"],
        "days_ago": 120,
        "image": "article-water",
        "content_note": "This article describes, in general terms, how distressing memories are processed in therapy.",
        "body": [
            ("p", "EMDR stands for Eye Movement Desensitization and Reprocessing. It is a structured therapy that "
             "is widely studied for post-traumatic stress, and it is one of the approaches recommended by the "
             "World Health Organization and the U.S. Department of Veterans Affairs for trauma. The name is a "
             "mouthful, so let us take it apart."),
            ("h2", "The basic idea"),
            ("p", "Some memories are stored in a way that keeps them feeling raw. When something reminds you of "
             "them, your body reacts as if the danger were happening now: a racing heart, a tight chest, the urge "
             "to escape. EMDR aims to help the brain finish processing those memories, so that you can remember "
             "what happened without reliving it."),
            ("p", "During processing, you hold a piece of the memory in mind while following a back-and-forth "
             "rhythm, such as side-to-side eye movements, alternating taps or tones. You do not have to describe "
             "the memory in detail, which many people find a relief."),
            ("image", "figure-rhythm", "Bilateral stimulation can be eye movements, gentle taps or tones: whatever "
             "feels most comfortable."),
            ("h2", "The eight phases"),
            ("ol", [
                "History and planning: what brings you in and what you would like to change.",
                "Preparation: learning ways to calm and ground yourself before any memory work.",
                "Assessment: choosing a target memory and noticing the beliefs and feelings attached to it.",
                "Desensitization: short sets of bilateral stimulation while you notice what comes up.",
                "Installation: strengthening a more helpful belief, such as “I survived” or “I am safe now”.",
                "Body scan: checking for leftover tension.",
                "Closure: returning to calm at the end of every session.",
                "Re-evaluation: reviewing progress at the start of the next session.",
            ]),
            ("quote", "You stay in charge of the pace. Stopping is always an option, and it is never a failure.",
             None),
            ("h2", "How long does it take?"),
            ("p", "It depends. A single, recent event may need a handful of processing sessions after preparation. "
             "Long-standing or repeated experiences usually take longer, and preparation may last several weeks. "
             "Your therapist should talk with you openly about what they expect and check in regularly about how "
             "it is going."),
            ("h3", "Is EMDR right for me?"),
            ("p", "EMDR is not the only effective trauma therapy, and it is not the right fit for everyone or for "
             "every moment in life. A clinician trained in EMDR will ask about your current stability, support "
             "and health before suggesting it. Learn more on our {service:emdr-therapy} page."),
            ("callout", "Telehealth works too",
             "<p>EMDR can be offered by secure video using on-screen eye movements or self-administered taps. "
             "Many clients find it just as helpful as in-person sessions.</p>"),
        ],
    },
    {
        "slug": "grounding-skills-for-anxious-moments",
        "title": "Five grounding skills for anxious moments",
        "summary": "When anxiety spikes, thinking your way out rarely works. These body-based skills give your nervous "
        "system something steady to hold on to.",
        "author": "priya-raman",
        "reviewer": "maya-castillo",
        "topics": ["anxiety", "self-care"],
        "services": ["anxiety-therapy"],
        "days_ago": 75,
        "image": "article-stones",
        "content_note": "",
        "body": [
            ("p", "Anxiety is the body’s alarm system doing its job a little too enthusiastically. In an anxious "
             "moment, the part of the brain that plans and reasons goes quieter, which is why telling yourself to "
             "“just calm down” rarely helps. Grounding skills work from the other direction: they use the body "
             "and the senses to signal safety, so that clear thinking can come back online."),
            ("p", "None of these are magic, and none of them replace care when anxiety is getting in the way of "
             "your life. They are tools worth practising when you feel fine, so they are familiar when you need "
             "them."),
            ("h2", "1. Longer out-breaths"),
            ("p", "Breathe in gently through your nose for a count of four, then out through your mouth for a count "
             "of six. Making the exhale longer than the inhale nudges the body toward its rest-and-digest mode. "
             "Five or six rounds are often enough to notice a shift."),
            ("h2", "2. Five, four, three, two, one"),
            ("p", "Name, silently or aloud:"),
            ("ul", [
                "five things you can see,",
                "four things you can feel against your skin,",
                "three things you can hear,",
                "two things you can smell,",
                "one thing you can taste.",
            ]),
            ("p", "The exercise pulls attention out of the worry loop and into the present room."),
            ("h2", "3. Feet on the floor"),
            ("p", "Press your feet into the ground and notice the pressure, the temperature and the texture of your "
             "shoes or the floor. If you are sitting, notice the chair holding your weight. It sounds small. It "
             "reminds your body that it is supported right now."),
            ("h2", "4. Temperature"),
            ("p", "Holding something cool, such as a glass of cold water or a cool cloth on the back of your neck, "
             "can interrupt a rising wave of panic quickly. Warmth helps some people more: a hot drink held in "
             "both hands."),
            ("h2", "5. A kind sentence"),
            ("p", "Pick a short phrase that is true and gentle, and say it slowly: “This is anxiety. It will pass. "
             "I can take the next small step.” It is not about convincing yourself that everything is fine; it "
             "is about keeping yourself company."),
            ("quote", "Practise when the water is calm, so the skill is there when the waves come.", None),
            ("callout", "When to reach out",
             "<p>If anxiety is affecting your sleep, work, relationships or health for weeks at a time, talking "
             "with a therapist can help you understand the pattern and change it. Read about our "
             "approach to anxiety therapy.</p>"),
        ],
    },
    {
        "slug": "your-first-therapy-session",
        "title": "Your first therapy session: what to expect",
        "summary": "Not knowing what will happen is one of the biggest reasons people put off therapy. Here is a "
        "calm walk-through of a first appointment with us.",
        "author": "jordan-avery",
        "reviewer": None,
        "topics": ["starting-therapy"],
        "services": [],
        "days_ago": 48,
        "related": ["what-trauma-informed-therapy-means"],
        "image": "article-path",
        "content_note": "",
        "body": [
            ("p", "Reaching out to a therapist takes courage, and the first appointment can feel like a step into "
             "the unknown. Knowing what usually happens makes it easier. This is how first sessions work at "
             "Rooted Therapy; other practices will differ in the details, but the shape is often similar."),
            ("h2", "Before the session"),
            ("ul", [
                "A short phone consultation, usually 15 minutes, to see whether we are a good fit.",
                "Intake paperwork through our secure client portal: consent forms, a brief history and, if you "
                "are paying yourself, a written Good Faith Estimate of costs.",
                "A confirmation with the address or the secure video link.",
            ]),
            ("h2", "During the session"),
            ("p", "The first meeting is mostly a conversation. Your therapist will ask what brings you in, what you "
             "hope will be different, and a little about your life: work, relationships, health, and what helps "
             "you cope. You do not need to prepare anything, and you do not have to answer every question."),
            ("p", "Your therapist will also explain confidentiality and its limits, how scheduling and cancellations "
             "work, and how to reach the practice between sessions."),
            ("h3", "It is fine to be nervous"),
            ("p", "Many people feel awkward, cry unexpectedly, or go blank. All of that is normal, and none of it "
             "will surprise your therapist."),
            ("p", "If it helps, you can say so at the start: “I’m nervous and I don’t really know where to begin.” "
             "That sentence is a perfectly good beginning. Your therapist can slow down, explain what comes next, "
             "or start with easier questions while you settle in. Some people like to sit near the door, keep "
             "their coat on, or hold a warm drink. Whatever helps you feel a little more at ease is welcome."),
            ("quote", "You are allowed to interview us, too. Therapy works best when you feel comfortable with the "
             "person across from you.", "Jordan Avery, LMFT"),
            ("h2", "After the session"),
            ("p", "Notice how you feel over the next day or two. Tiredness is common after talking about important "
             "things. Ask yourself whether you felt listened to and respected. If the fit does not feel right, "
             "say so; we would much rather help you find the right person than have you struggle on."),
            ("h2", "A few practical tips"),
            ("ol", [
                "For telehealth, find a private spot and use headphones if others are nearby.",
                "Write down anything you want to remember to mention.",
                "Bring your insurance card or payment method if you are meeting in person.",
                "Give yourself a few quiet minutes afterwards if you can.",
            ]),
            ("callout", "Not sure where to begin?",
             "<p>Our FAQ answers common questions about fees, insurance and scheduling, and a free consultation "
             "call is always an option.</p>"),
        ],
    },
    {
        "slug": "the-same-argument-again",
        "title": "When you keep having the same argument",
        "summary": "Most couples have a fight they could recite by heart. Understanding the pattern underneath it "
        "is often more useful than winning it.",
        "author": "jordan-avery",
        "reviewer": None,
        "topics": ["relationships"],
        "services": ["couples-counseling"],
        "days_ago": 30,
        "image": "article-two-circles",
        "content_note": "",
        "body": [
            ("p", "The dishes. The phone at dinner. Who is always late. Many couples have one argument that comes "
             "back again and again, with the same words and the same ending. It can feel hopeless, as if the two "
             "of you simply cannot agree. Often, though, the topic is not really the problem. The pattern is."),
            ("h2", "The dance underneath the topic"),
            ("p", "Relationship researchers describe common cycles that couples fall into. One of the most familiar "
             "is pursue and withdraw: one partner pushes harder to be heard, the other goes quiet to keep things "
             "from escalating, and each move makes the other’s more likely. Both people are trying to protect the "
             "relationship. Both end up feeling alone."),
            ("ul", [
                "The pursuing partner often feels: “I don’t matter to you.”",
                "The withdrawing partner often feels: “Whatever I do, it’s not good enough.”",
                "Both, underneath: “I’m afraid of losing you.”",
            ]),
            ("h2", "Three things to try this week"),
            ("h3", "Name the cycle, not the culprit"),
            ("p", "Give the pattern a name you both recognise, such as “the spiral”. When it starts, either of you "
             "can say “I think we’re in the spiral” and take a short break, agreeing on when you will come back "
             "to it."),
            ("h3", "Start softly"),
            ("p", "How a conversation begins tends to predict how it ends. Try describing what you feel and need "
             "rather than what your partner did wrong: “I feel overwhelmed when the kitchen is messy at night; "
             "could we clear it together after dinner?”"),
            ("h3", "Listen for the feeling"),
            ("p", "When your partner is upset, see if you can reflect the feeling before defending the facts: "
             "“It sounds like you felt forgotten.” You can still share your side afterwards."),
            ("p", "None of this means swallowing your own needs. It means taking turns: one person speaks and the "
             "other listens for understanding, then you swap. It will feel slow and a little artificial at first. "
             "That is normal; new habits always do."),
            ("quote", "The goal is not to stop disagreeing. It is to feel like a team while you do.", None),
            ("h2", "When counseling helps"),
            ("p", "If the cycle has hardened, or if old hurts keep resurfacing, {service:couples-counseling} can "
             "offer a calmer space to slow things down. Couples counseling is not about deciding who is right; "
             "it is about understanding each other well enough that the old argument loses its grip."),
            ("callout", "Safety first",
             "<p>Couples counseling is not recommended when there is violence, threats or coercive control in a "
             "relationship. If you are not safe at home, the National Domestic Violence Hotline is available "
             "around the clock at 1-800-799-7233.</p>"),
        ],
    },
    {
        "slug": "sleep-and-anxiety",
        "title": "Sleep and anxiety: a gentle reset",
        "summary": "Worry keeps us awake, and tiredness feeds worry. A few steady habits can loosen that loop without "
        "turning bedtime into another thing to get right.",
        "author": "priya-raman",
        "reviewer": "maya-castillo",
        "topics": ["anxiety", "self-care"],
        "services": ["anxiety-therapy"],
        "days_ago": 9,
        "image": "article-moon",
        "content_note": "",
        "body": [
            ("p", "Anxiety and sleep have a complicated relationship. A busy, worried mind makes it hard to fall "
             "asleep or stay asleep, and a short night leaves the brain more reactive to stress the next day. "
             "If you have found yourself lying awake rehearsing tomorrow’s problems, you are in very large "
             "company."),
            ("p", "The good news is that small changes, practised consistently, can make a real difference. The "
             "aim is not perfect sleep. It is a kinder, more predictable rhythm."),
            ("h2", "Keep the anchor steady"),
            ("p", "The most helpful single habit is a consistent wake-up time, including weekends. A steady morning "
             "anchor helps set your body clock, which in turn makes it easier to feel sleepy at a reasonable "
             "hour. Morning daylight, even ten minutes on a porch or by a window, strengthens the signal."),
            ("h2", "Give worry its own appointment"),
            ("p", "Set aside fifteen minutes in the early evening as “worry time”. Write down what is on your mind "
             "and, next to each item, one small next step or simply “not today”. When worries appear at "
             "bedtime, you can remind yourself that they have a place tomorrow."),
            ("h2", "A wind-down you actually like"),
            ("ul", [
                "Dim the lights an hour before bed.",
                "Put your phone to charge outside the bedroom if you can.",
                "Choose something calm and a little boring: a paper book, a shower, gentle stretches.",
                "Keep the bedroom cool, dark and quiet.",
            ]),
            ("h2", "If you cannot sleep"),
            ("p", "Lying in bed trying hard to sleep tends to backfire. If you have been awake for what feels like "
             "twenty minutes or so, get up, go somewhere dim, and do something quiet until you feel sleepy again. "
             "This teaches your body that bed is for sleeping, not for wrestling with thoughts."),
            ("quote", "Rest is not a reward you earn. It is something your body needs, and you are allowed to "
             "protect it.", "Priya Raman, LPC Associate"),
            ("h3", "Caffeine, alcohol and naps"),
            ("p", "Caffeine can stay in your system for many hours, so an afternoon coffee may matter more than you "
             "think. Alcohol can make you drowsy but tends to fragment sleep later in the night. Short naps "
             "before mid-afternoon are fine for most people."),
            ("callout", "When to talk to someone",
             "<p>If poor sleep has lasted more than a few weeks, talk with your doctor to rule out medical "
             "causes. Therapy for anxiety, including CBT for insomnia, can also help. You can read about our "
             "{service:anxiety-therapy} approach.</p>"),
        ],
    },
]
