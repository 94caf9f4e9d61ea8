"""Demo curriculum for Social Academy: the Northwind Systems social media programme.

Pure data, read by the demo loader. ``POLICY`` is the versioned social media policy that every
employee accepts; ``COURSES`` lists the eight courses in catalogue order. Lesson bodies are lists of
``(block_type, value)`` tuples using the block types ``rich_text``, ``callout``, ``do_dont`` and
``scenario``. Northwind Systems, its products (Atlas, Harbor), its people and its accounts are
fictional; ``.example`` addresses are placeholders.
"""

from __future__ import annotations

POLICY = {
    "title": "Northwind Social Media Policy",
    "slug": "social-media-policy",
    "version": 1,
    "summary": (
        "How everyone at Northwind Systems can take part in social media safely, honestly and "
        "helpfully, whether on a personal account or on behalf of the company."
    ),
    "body_html": (
        "<h2>Why we have this policy</h2>"
        "<p>Social media is one of the most direct ways Northwind Systems talks with customers, "
        "partners, candidates and the communities we work in. Many of the most useful "
        "conversations about our products happen there, and our people are often the best-placed "
        "to take part. We want you to join in. This policy explains how to do that in a way that "
        "protects you, our customers and the company.</p>"
        "<p>It is short on purpose. It does not try to list every situation; it gives you five "
        "principles and a few firm rules, and tells you where to go when you are not sure.</p>"
        "<h2>Who and what it covers</h2>"
        "<p>This policy applies to every Northwind employee, contractor and intern, on every "
        "platform: networks such as LinkedIn, X, Instagram, Facebook, TikTok and YouTube, as well "
        "as forums, review sites, blogs, podcasts, chat communities and comment sections. It "
        "covers official Northwind accounts and it covers your personal accounts <strong>whenever "
        "what you post relates to Northwind</strong>: our products, customers, partners, "
        "competitors, colleagues or your work here.</p>"
        "<p>What you post about your weekend, your hobbies or your football team is your own "
        "business. Our <em>Code of Conduct</em> still applies to how you treat people online, just "
        "as it does offline.</p>"
        "<h2>Our five principles</h2>"
        "<h3>1. Be transparent and disclose</h3>"
        "<p>Whenever you talk about Northwind, our products or our competitors, say that you work "
        "here, in the post itself. Never post anonymously or under a made-up name to praise "
        "Northwind or criticise a competitor. Make it clear when a view is your own rather than "
        "the company's.</p>"
        "<h3>2. Protect confidential and customer information</h3>"
        "<p>Never share information that is not already public: unannounced products, roadmaps, "
        "prices, financial results, deals, internal discussions or security details. Never share "
        "anything about a customer or colleague without their permission, including names, photos, "
        "account details and the contents of support cases.</p>"
        "<h3>3. Be respectful</h3>"
        "<p>Treat customers, competitors, critics and colleagues with courtesy, even when you "
        "disagree. No insults, harassment, discrimination or personal attacks, and no posting "
        "about people who have not agreed to it.</p>"
        "<h3>4. Be responsible: own your words</h3>"
        "<p>You are personally responsible for what you publish. Check facts before you post, "
        "correct your mistakes openly, and remember that the internet does not forget: a deleted "
        "post may already have been captured.</p>"
        "<h3>5. Use good judgement and know when to hand off</h3>"
        "<p>If a post makes you hesitate, do not publish it yet. If a conversation is beyond your "
        "role or your knowledge, such as a legal question, a security report, a journalist's "
        "request or a growing complaint, hand it to the right team instead of answering it "
        "yourself.</p>"
        "<h2>Your personal accounts</h2>"
        "<ul><li>You may say that you work at Northwind and what you do here.</li>"
        "<li>Once you hold the <strong>Enthusiast</strong> designation you may share Northwind's "
        "public news and content on your personal accounts, with a clear disclosure.</li>"
        "<li>Do not use a Northwind logo, product name or anything that looks official in your "
        "personal account's name, handle or profile picture.</li>"
        "<li>Privacy settings help, but treat everything you post as potentially public.</li></ul>"
        "<h2>Speaking for Northwind: the four designations</h2>"
        "<p>Every employee chooses how far they want to go. Each designation builds on the one "
        "before.</p>"
        "<ul><li><strong>Personal</strong>: you use social media for yourself. You follow this "
        "policy and the Code of Conduct, and you do not speak about Northwind's business.</li>"
        "<li><strong>Enthusiast</strong>: you have accepted this policy and completed <em>Social "
        "media basics</em>. You may share Northwind's public news on your personal networks, with "
        "disclosure.</li>"
        "<li><strong>Professional</strong>: you have completed all eight Social Academy courses. "
        "You may start and join conversations on Northwind's behalf and may request roles on "
        "official accounts.</li>"
        "<li><strong>Spokesperson</strong>: you are a Professional whose approach has been "
        "approved by the Social Media Team. You may represent Northwind in its most visible and "
        "sensitive conversations.</li></ul>"
        "<p>Certificates expire and must be renewed. When a certificate lapses, the permissions "
        "that depend on it lapse too.</p>"
        "<h2>Official Northwind accounts</h2>"
        "<ul><li>Only certified employees may post, reply or moderate on an official Northwind "
        "account, and only in a role they have been granted through Social Academy.</li>"
        "<li>New branded accounts and handles must be approved by the Social Media Team before "
        "they are created. Every official account has a named owner who commits to posting "
        "regularly and to a plan for retiring the account.</li>"
        "<li>Never share login details. Access is granted to people, not passwords, and is removed "
        "automatically when a certificate expires or someone leaves Northwind.</li></ul>"
        "<h2>Endorsements, reviews and regulated industries</h2>"
        "<ul><li>Working at Northwind is a material connection. When you recommend our products, "
        "disclose it, for example with <em>#NorthwindEmployee</em> or “I work at Northwind”. In "
        "the US this is required by the FTC's Endorsement Guides; most other countries have "
        "similar rules.</li>"
        "<li>Never write, buy or ask for fake reviews. Never offer anything in return for a review "
        "unless the Social Media Team has approved it, the reward does not depend on the review "
        "being positive, and the review carries a clear disclosure.</li>"
        "<li>Anyone we pay or give free products to must disclose it clearly, for example with "
        "<em>#ad</em>. See <em>Finding influencers</em>.</li>"
        "<li>Customers in finance, healthcare and other regulated industries have their own rules. "
        "Never describe a regulated customer's use of our products, or make claims about "
        "compliance, without approval from Legal.</li></ul>"
        "<h2>Negative posts, complaints and crises</h2>"
        "<p>Customers have the right to talk in public about problems with our products. Our "
        "answer is help, never deletion. Respond, do not argue. If you see something that could be "
        "a crisis (a safety issue, a data or security incident, a legal threat, or a post "
        "spreading fast), do not reply: escalate it at once to the Social Media Team through the "
        "social escalation line on the intranet.</p>"
        "<h2>Getting help</h2>"
        "<p>If you are unsure whether to post something, ask first: the Social Media Team answers "
        "at social@northwindsystems.example and in the #social-help channel. Asking is never a "
        "mistake.</p>"
        "<h2>If this policy is broken</h2>"
        "<p>Honest mistakes happen; correct them quickly and tell us. Deliberate or repeated "
        "breaches, especially involving confidential or customer information, may lead to the loss "
        "of certification and account access and to disciplinary action under the Code of "
        "Conduct.</p>"
        "<h2>Changes to this policy</h2>"
        "<p>This is version 1. When we change the policy we publish a new version, and everyone is "
        "asked to read and accept it again.</p>"
    ),
    "attestation": "I have read and accept version {version} of the Northwind Social Media Policy.",
}

COURSES = [
    {
        "slug": "social-media-basics",
        "title": "Social media basics",
        "summary": (
            "What it means to speak for Northwind online, how personal and official accounts "
            "differ, and which of the four designations is right for you. Start here."
        ),
        "duration_minutes": 30,
        "level": "foundation",
        "tags": ["basics", "policy"],
        "lessons": [
            {
                "slug": "when-you-speak-for-northwind",
                "title": "When are you speaking for Northwind?",
                "intro": (
                    "You do not need an official account to speak for Northwind: learn when your "
                    "posts count."
                ),
                "body": [
                    (
                        "rich_text",
                        (
                            "<p>Welcome to Social Academy. Before we talk about rules, let's agree "
                            "on something simple: <strong>if people can tell you work at "
                            "Northwind, what you say about our world reflects on "
                            "Northwind</strong>. That is true whether you post from the company's "
                            "main account or from your own phone on a Sunday evening.</p>"
                            "<p>Most of us list our employer on LinkedIn. Many of us mention our "
                            "work on other networks too, or are followed by customers, partners "
                            "and colleagues. So when you write about Northwind Atlas, about a "
                            "competitor's outage, or about a tough week with a customer, readers "
                            "will not separate “what Sam thinks” from “what Northwind thinks” as "
                            "neatly as you might hope.</p>"
                            "<h2>What counts</h2>"
                            "<p>In this course, and in our policy, you are <em>talking about "
                            "Northwind</em> when a post touches any of these:</p>"
                            "<ul><li>our products and services, such as Atlas monitoring or Harbor "
                            "storage;</li>"
                            "<li>our customers, partners and suppliers;</li>"
                            "<li>our competitors and the market we work in;</li>"
                            "<li>your colleagues, your team and your work here;</li>"
                            "<li>news about the company, from launches to results to job "
                            "openings.</li></ul>"
                            "<p>You are <em>speaking for Northwind</em> when you go further and "
                            "post, reply or moderate on the company's behalf: answering a "
                            "customer's question about their Harbor unit, replying to a "
                            "journalist, or posting from an official Northwind account. That takes "
                            "training and certification, which is exactly what Social Academy "
                            "provides.</p>"
                            "<h2>Why it matters</h2>"
                            "<p>Most of the time, employees talking about their work is a great "
                            "thing. People trust people more than logos, and a proud engineer "
                            "explaining a new feature does more good than any advert. But the same "
                            "reach works in the other direction. A careless remark about a "
                            "customer, a hint about an unannounced product or an argument with a "
                            "critic can travel a long way, fast, with your name and our name "
                            "attached.</p>"
                            "<p>The aim of this course is not to make you nervous. It is to give "
                            "you enough judgement to post confidently, and to know where the lines "
                            "are before you get close to them.</p>"
                        ),
                    ),
                    (
                        "callout",
                        {
                            "kind": "tip",
                            "title": "The screenshot test",
                            "text": (
                                "<p>Before you post, imagine the post as a screenshot on the front "
                                "page of a news site, next to your name and the Northwind logo. If "
                                "you would be comfortable with that, go ahead. If you wince, "
                                "rewrite it or leave it.</p>"
                            ),
                        },
                    ),
                    (
                        "do_dont",
                        {
                            "platform": "LinkedIn",
                            "do_post": (
                                "Proud of my team today: Atlas 5 is out, and the new alert "
                                "grouping is something we have been building for a year. Release "
                                "notes here: northwindsystems.example/atlas5 (I work on the Atlas "
                                "team at Northwind.)"
                            ),
                            "dont_post": (
                                "Atlas 5 finally shipped! Half the features from the original plan "
                                "got cut, but wait until you see what's coming in Q3 for Harbor..."
                            ),
                            "why": (
                                "<p>The first post shares public news, links to the official "
                                "source and says where you work. The second reveals internal "
                                "planning and teases an unannounced product. Both come from a "
                                "proud employee, but only one is safe to publish.</p>"
                            ),
                        },
                    ),
                    (
                        "scenario",
                        {
                            "situation": (
                                "<p>You are scrolling a Reddit thread where people are complaining "
                                "that a Harbor firmware update made their storage slow. You work "
                                "in engineering and you are fairly sure you know the cause and a "
                                "workaround. Nobody in the thread knows you work at Northwind.</p>"
                            ),
                            "question": "Should you post the workaround, and if so, how?",
                            "discussion": (
                                "<p>Helping is a good instinct, but a reply explaining a fix would "
                                "be speaking for Northwind on a live product problem. A good "
                                "answer considers: Are you certain, or fairly sure? Is the fix "
                                "already public? Is this a wider issue that Support and the Social "
                                "Media Team should know about? Until you are certified to respond "
                                "on Northwind's behalf, the right move is to pass the thread to "
                                "the Social Media Team or Support with a link. If you do post "
                                "anything at all, you must disclose that you work at Northwind; "
                                "answering anonymously is never acceptable.</p>"
                            ),
                        },
                    ),
                ],
            },
            {
                "slug": "accounts-and-designations",
                "title": "Personal accounts, official accounts and the four designations",
                "intro": (
                    "The difference between your accounts and Northwind's, and the four levels you "
                    "can choose from."
                ),
                "body": [
                    (
                        "rich_text",
                        (
                            "<h2>Two kinds of account</h2>"
                            "<p>A <strong>personal account</strong> belongs to you. You choose "
                            "what to post, whom to follow and when to log off. It stays yours if "
                            "you leave Northwind. Our policy only cares about a personal account "
                            "when you post about Northwind-related topics.</p>"
                            "<p>An <strong>official account</strong> belongs to Northwind: "
                            "@NorthwindSystems, @NorthwindSupport, the Northwind Careers page, the "
                            "Atlas community forum and so on. Official accounts are listed in the "
                            "company's account inventory, each has a named owner, and only people "
                            "who have been granted a role on them (to monitor, publish or manage) "
                            "may use them. You will never be asked to share a password; access is "
                            "given to you personally through Social Academy and removed when it is "
                            "no longer needed.</p>"
                            "<p>Keep the two apart. Do not post company announcements from an "
                            "account that looks official but is not, and do not put the Northwind "
                            "logo or a product name in your personal handle. An account called "
                            "@AtlasTipsByJo may be well meant, but customers will assume it speaks "
                            "for us.</p>"
                            "<h2>The four designations</h2>"
                            "<p>At Northwind, you decide how involved you want to be. There are "
                            "four designations, and each builds on the one before it:</p>"
                            "<ul><li><strong>Personal.</strong> You use social media for yourself. "
                            "You follow the policy and the Code of Conduct, and you do not talk "
                            "about Northwind's business beyond saying where you work. There is "
                            "nothing to complete.</li>"
                            "<li><strong>Enthusiast.</strong> You have accepted the social media "
                            "policy and completed this course. You may share Northwind's public "
                            "news and content on your personal networks, with a clear disclosure "
                            "that you work here.</li>"
                            "<li><strong>Professional.</strong> You have completed all eight "
                            "Social Academy courses. You may start and join conversations on "
                            "Northwind's behalf and may request a role on an official account.</li>"
                            "<li><strong>Spokesperson.</strong> You are a Professional and the "
                            "Social Media Team has approved your approach. Spokespeople represent "
                            "Northwind in the most visible and sensitive conversations, such as "
                            "launches, industry debates and difficult moments.</li></ul>"
                            "<p>Most people find Enthusiast is all they need. If your job involves "
                            "customers, communities or marketing, Professional is usually the "
                            "right goal. Certificates expire, so you will be asked to refresh your "
                            "training from time to time; when a certificate lapses, the access "
                            "that depends on it lapses too.</p>"
                        ),
                    ),
                    (
                        "callout",
                        {
                            "kind": "warning",
                            "title": "Never create a Northwind-branded account yourself",
                            "text": (
                                "<p>If you think Northwind needs a new account, for a product, a "
                                "region or an event, ask the Social Media Team. New branded "
                                "handles are approved through governance so that every official "
                                "account has an owner, a purpose and a plan. Unofficial accounts "
                                "confuse customers and are easy to impersonate.</p>"
                            ),
                        },
                    ),
                    (
                        "do_dont",
                        {
                            "platform": "X",
                            "do_post": (
                                "Great write-up from @NorthwindSystems on how Atlas 5 groups noisy "
                                "alerts. Worth a read if you run on-call. (I work at Northwind.) "
                                "#NorthwindEmployee"
                            ),
                            "dont_post": (
                                "[Posted from a personal account named @NorthwindAtlasNews] "
                                "BREAKING: Atlas 5 is here! Reply with your support questions and "
                                "we will sort them out."
                            ),
                            "why": (
                                "<p>An Enthusiast sharing official news with a disclosure is "
                                "exactly what we hope for. A personal account dressed up as an "
                                "official one, offering support it cannot give, misleads customers "
                                "and bypasses the people who are trained to help them.</p>"
                            ),
                        },
                    ),
                    (
                        "scenario",
                        {
                            "situation": (
                                "<p>Priya works in Finance. She loves sharing Northwind's product "
                                "news with her network and wants to repost launch announcements, "
                                "but she has no interest in answering customer questions or "
                                "running an account.</p>"
                            ),
                            "question": (
                                "Which designation should Priya aim for, and what does she need to "
                                "do to get there?"
                            ),
                            "discussion": (
                                "<p>Enthusiast fits her exactly: she accepts the policy, completes "
                                "this course, and may then share Northwind's public news on her "
                                "personal networks with a disclosure. She does not need the full "
                                "curriculum, which is for people who will start conversations on "
                                "Northwind's behalf. If her role changes later, she can go on to "
                                "Professional.</p>"
                            ),
                        },
                    ),
                ],
            },
            {
                "slug": "privacy-and-posting-with-care",
                "title": "Privacy settings and thinking before you post",
                "intro": (
                    "Use privacy settings well, and build the habit of pausing before you publish."
                ),
                "body": [
                    (
                        "rich_text",
                        (
                            "<h2>Privacy settings help, but they are not a wall</h2>"
                            "<p>Every major network lets you control who sees your posts, who can "
                            "tag you and what appears on your profile. Use those settings; they "
                            "are worth ten minutes of your time. But treat them as a curtain, not "
                            "a wall. A friend can screenshot a private post, a group can be less "
                            "private than it looks, and a platform can change its defaults. "
                            "<strong>Assume that anything you post could become public</strong>, "
                            "and that it could stay public for years.</p>"
                            "<h2>A ten-minute privacy check-up</h2>"
                            "<ul><li>Review who can see your past posts and who can tag you. Turn "
                            "on tag review where it exists.</li>"
                            "<li>Check what your profile shows to people who are not connected to "
                            "you: employer, location, phone number, email.</li>"
                            "<li>Switch off automatic location on photos, especially at home and "
                            "at Northwind sites.</li>"
                            "<li>Look at the apps connected to your accounts and remove the ones "
                            "you no longer use.</li>"
                            "<li>Turn on two-factor authentication. A hijacked account that lists "
                            "Northwind as your employer is a gift to scammers.</li></ul>"
                            "<h2>Look at the background</h2>"
                            "<p>Photos give away more than we think. A team selfie can show a "
                            "whiteboard with a roadmap on it, a screen with a customer's "
                            "dashboard, a visitor badge with a partner's name, or a security badge "
                            "that can be copied. Before posting anything taken at work, look at "
                            "everything in the frame, not just the faces, and ask colleagues "
                            "before you post pictures of them.</p>"
                            "<h2>Think before you post</h2>"
                            "<p>Most social media mistakes are not made by bad people. They are "
                            "made by good people who were tired, annoyed, rushed or showing off. "
                            "Before anything Northwind-related goes out, run through five quick "
                            "questions:</p>"
                            "<ol><li><strong>Is it true?</strong> Can I back it up?</li>"
                            "<li><strong>Is it public?</strong> Has Northwind already announced "
                            "this?</li>"
                            "<li><strong>Is it mine to share?</strong> Does it involve a customer, "
                            "a colleague or someone else's information?</li>"
                            "<li><strong>Have I disclosed?</strong> Does the post itself say I "
                            "work at Northwind?</li>"
                            "<li><strong>Would I say it to their face?</strong> Is the tone one I "
                            "would be happy to defend?</li></ol>"
                            "<p>If any answer gives you pause, wait. Drafts are free. Posts are "
                            "forever.</p>"
                        ),
                    ),
                    (
                        "callout",
                        {
                            "kind": "tip",
                            "title": "Sleep on it",
                            "text": (
                                "<p>If you are annoyed, tired or it is late at night, save the "
                                "post as a draft and read it again in the morning. You will rarely "
                                "regret waiting, and you will often be glad you did.</p>"
                            ),
                        },
                    ),
                    (
                        "do_dont",
                        {
                            "platform": "Instagram",
                            "do_post": (
                                "Hack week wrap-up! Thirty hours, too much pizza, and one very "
                                "happy team. (Photo taken in our breakout area with everyone's "
                                "OK.) #NorthwindEmployee #LifeAtNorthwind"
                            ),
                            "dont_post": (
                                "Hack week wrap-up! [Photo of the team in front of a whiteboard "
                                "listing next year's Harbor features and a screen showing a "
                                "customer's monitoring dashboard]"
                            ),
                            "why": (
                                "<p>Both celebrate the same moment. The second one leaks the "
                                "roadmap and a customer's data through the background, and nobody "
                                "was asked before being posted. Check the whole frame, not just "
                                "the smiles.</p>"
                            ),
                        },
                    ),
                    (
                        "scenario",
                        {
                            "situation": (
                                "<p>It is 11 p.m. You have just come out of a frustrating call "
                                "about a delayed release, and you see a competitor's executive "
                                "boasting on LinkedIn that their product “never slips”. You start "
                                "typing a sharp reply that mentions, in general terms, why "
                                "Northwind's release is late.</p>"
                            ),
                            "question": "What should you do with the draft?",
                            "discussion": (
                                "<p>Run the five questions. The reply is not respectful, it hints "
                                "at internal information that is not public, and it was written "
                                "while annoyed. The best choice is to delete the draft or save it "
                                "and look again in the morning, when you will most likely decide "
                                "not to send it. If you feel the competitor's claim needs a "
                                "response for the company, raise it with the Social Media Team; "
                                "that is a decision for the people who speak for Northwind, not "
                                "for a late-night reply.</p>"
                            ),
                        },
                    ),
                ],
            },
        ],
        "quiz": {
            "title": "Social media basics quiz",
            "intro": (
                "Six questions on what you have just learned. You need 80% to pass, and you have "
                "three attempts."
            ),
            "pass_mark": 80,
            "max_attempts": 3,
            "cooldown_minutes": 0,
            "questions": [
                {
                    "kind": "multiple",
                    "text": (
                        "Which of these posts from a personal account are covered by the Northwind "
                        "social media policy? Choose all that apply."
                    ),
                    "explanation": (
                        "The policy covers your personal accounts whenever a post relates to "
                        "Northwind: our products, customers, competitors, colleagues or your work "
                        "here. Posts about your hobbies or your weekend are your own business."
                    ),
                    "choices": [
                        ("A reply to a customer who is complaining about their Harbor unit", True),
                        ("A comment comparing Northwind Atlas with a competitor's product", True),
                        ("A review of a restaurant you visited on holiday", False),
                        ("A photo of your team celebrating a launch in the office", True),
                    ],
                },
                {
                    "kind": "single",
                    "text": "What do you need to become an Enthusiast?",
                    "explanation": (
                        "Enthusiast means you have accepted the social media policy and completed "
                        "Social media basics. It lets you share Northwind's public news on your "
                        "personal networks, with disclosure."
                    ),
                    "choices": [
                        ("Nothing: every employee is an Enthusiast automatically", False),
                        ("Accept the social media policy and complete Social media basics", True),
                        ("Be approved by the Social Media Team", False),
                        ("Complete all eight Social Academy courses", False),
                    ],
                },
                {
                    "kind": "true_false",
                    "text": (
                        "To earn the Professional designation you must complete all eight Social "
                        "Academy courses."
                    ),
                    "explanation": (
                        "Professional means the full curriculum: all eight courses. It lets you "
                        "start and join conversations on Northwind's behalf and request roles on "
                        "official accounts."
                    ),
                    "choices": [
                        ("True", True),
                        ("False", False),
                    ],
                },
                {
                    "kind": "single",
                    "text": "How does a Professional become a Spokesperson?",
                    "explanation": (
                        "Spokesperson is Professional plus approval of your approach by the Social "
                        "Media Team. It is the most expert level."
                    ),
                    "choices": [
                        ("By reaching 10,000 followers on a personal account", False),
                        ("By being a manager", False),
                        ("By having their approach approved by the Social Media Team", True),
                        ("By retaking the basics quiz with a perfect score", False),
                    ],
                },
                {
                    "kind": "true_false",
                    "text": (
                        "If your account is set to private, you can treat what you post there as "
                        "if it will never become public."
                    ),
                    "explanation": (
                        "Privacy settings are a curtain, not a wall. Anyone who can see a post can "
                        "screenshot it, and platforms change their defaults. Assume anything you "
                        "post could become public."
                    ),
                    "choices": [
                        ("True", False),
                        ("False", True),
                    ],
                },
                {
                    "kind": "single",
                    "text": (
                        "Your team wants an @NorthwindHarborTips account to share storage tips. "
                        "What should happen first?"
                    ),
                    "explanation": (
                        "New branded handles are approved by the Social Media Team through "
                        "governance, so every official account has an owner, a purpose and a plan. "
                        "Never create a Northwind-branded account yourself."
                    ),
                    "choices": [
                        ("Create it, but add 'not official' to the bio", False),
                        ("Create it from a personal email and hand it over later", False),
                        ("Ask the Social Media Team to approve the account", True),
                    ],
                },
            ],
        },
    },
    {
        "slug": "social-media-policy",
        "title": "The social media policy in practice",
        "summary": (
            "The five principles of the Northwind policy, worked through with real examples, plus "
            "the rules on disclosure, endorsements and reviews."
        ),
        "duration_minutes": 45,
        "level": "foundation",
        "tags": ["policy", "disclosure"],
        "lessons": [
            {
                "slug": "five-principles",
                "title": "The five principles",
                "intro": "Five principles cover almost every situation you will meet online.",
                "body": [
                    (
                        "rich_text",
                        (
                            "<p>The Northwind Social Media Policy is deliberately short. Instead "
                            "of a long list of banned behaviour, it rests on five principles. If "
                            "you understand them, you can handle situations the policy never "
                            "imagined.</p>"
                            "<h2>1. Be transparent and disclose</h2>"
                            "<p>When you talk about Northwind, our products or our competitors, "
                            "say that you work here, in the post itself. Readers have a right to "
                            "know that your enthusiasm for Atlas is not entirely independent. "
                            "Transparency also means never hiding behind an anonymous or invented "
                            "account, and making it clear when a view is yours rather than the "
                            "company's.</p>"
                            "<h2>2. Protect confidential and customer information</h2>"
                            "<p>If Northwind has not published it, do not post it. That includes "
                            "unannounced products and dates, prices and discounts, financial "
                            "results before they are released, deals in progress, internal debates "
                            "and anything about our security. Customer and colleague information "
                            "is off limits too: names, logos, photos, configurations and the "
                            "contents of support cases all need permission. A useful rule: "
                            "<strong>if you learned it because you work here, assume it is "
                            "confidential</strong> until you see it on a public Northwind page.</p>"
                            "<h2>3. Be respectful</h2>"
                            "<p>Be courteous to everyone: customers, critics, competitors and "
                            "colleagues. Disagree with ideas, not people. No insults, no mockery, "
                            "no piling on. Respect also means not posting about people who have "
                            "not agreed to it, such as a photo of a colleague or a story about a "
                            "customer.</p>"
                            "<h2>4. Be responsible: own your words</h2>"
                            "<p>You are responsible for what you publish, on any account. Check "
                            "your facts, and if you get something wrong, correct it openly rather "
                            "than quietly deleting it. Remember that posts are copied, quoted and "
                            "archived; deleting one does not un-say it.</p>"
                            "<h2>5. Use good judgement and know when to hand off</h2>"
                            "<p>The most important skill is knowing what is not yours to answer. "
                            "Legal questions, security reports, questions from journalists or "
                            "analysts, complaints that are gathering momentum, and anything that "
                            "smells like a crisis all go to the right team. Handing off is not a "
                            "failure; it is the job done well.</p>"
                        ),
                    ),
                    (
                        "callout",
                        {
                            "kind": "tip",
                            "title": "When in doubt, ask",
                            "text": (
                                "<p>The Social Media Team answers questions in #social-help and at "
                                "social@northwindsystems.example. Nobody has ever been in trouble "
                                "for asking before posting.</p>"
                            ),
                        },
                    ),
                    (
                        "do_dont",
                        {
                            "platform": "LinkedIn",
                            "do_post": (
                                "Really enjoyed presenting with the team at DataOps Summit today. "
                                "Our session on reducing alert fatigue is now online: "
                                "northwindsystems.example/summit (I'm a product manager at "
                                "Northwind.)"
                            ),
                            "dont_post": (
                                "Just came out of a meeting with a big bank (you'd know the name) "
                                "who are moving all their monitoring to Atlas next quarter. "
                                "Competitors should be worried!"
                            ),
                            "why": (
                                "<p>The first post shares public material and discloses. The "
                                "second hints at a customer's identity and a deal that is not "
                                "announced, and needles competitors. It breaks principles two and "
                                "three at once, and it could harm a customer relationship.</p>"
                            ),
                        },
                    ),
                    (
                        "scenario",
                        {
                            "situation": (
                                "<p>A respected engineer with a big following posts that Atlas "
                                "“loses metrics under load” and links to a benchmark. You think "
                                "the benchmark is badly configured. A journalist has replied "
                                "asking Northwind for comment.</p>"
                            ),
                            "question": "Which principles apply, and what should you do?",
                            "discussion": (
                                "<p>Principle five is the loudest: a journalist is involved and a "
                                "public technical dispute may grow. Hand it to the Social Media "
                                "Team with the link, and let them involve the product team and "
                                "communications. Principle three applies to anything Northwind "
                                "eventually says: engage with the benchmark, not the person. "
                                "Principle four applies too: any reply must be accurate, so check "
                                "the facts before anyone responds. Replying yourself to the "
                                "journalist, even helpfully, is not the right move.</p>"
                            ),
                        },
                    ),
                ],
            },
            {
                "slug": "disclosure-and-transparency",
                "title": "Disclosure and transparency",
                "intro": "How to disclose that you work at Northwind, clearly and every time.",
                "body": [
                    (
                        "rich_text",
                        (
                            "<h2>Why disclosure matters</h2>"
                            "<p>When someone reads a glowing comment about a product, they weigh "
                            "it differently if they know the author works for the company that "
                            "makes it. That is fair: you know more than most about Atlas, but you "
                            "are not neutral. Disclosure lets readers weigh your words correctly, "
                            "and it protects you from the accusation of deceiving them, which is "
                            "far more damaging than any honest opinion.</p>"
                            "<p>Consumer-protection law agrees. In the United States, the Federal "
                            "Trade Commission's Endorsement Guides say that a “material "
                            "connection” between a person and a brand, such as employment, payment "
                            "or free products, must be disclosed clearly when that person endorses "
                            "the brand. Other countries, including the UK and EU member states, "
                            "have similar rules. Being an employee counts as a material connection "
                            "<strong>even if nobody paid you for the post</strong>.</p>"
                            "<h2>How to disclose well</h2>"
                            "<ul><li><strong>In the post itself.</strong> People see posts one at "
                            "a time, in feeds, in shares and in screenshots. A line in your bio is "
                            "not enough.</li>"
                            "<li><strong>Clearly and early.</strong> Use plain words such as “I "
                            "work at Northwind” or a hashtag such as <em>#NorthwindEmployee</em> "
                            "or <em>#employee</em>. Put it where people will see it, not after a "
                            "wall of hashtags or behind a “see more” link.</li>"
                            "<li><strong>In the format of the platform.</strong> On video or a "
                            "podcast, say it out loud. On an image-only post, put it in the image "
                            "or the caption.</li>"
                            "<li><strong>Every time.</strong> Each post stands alone. Disclosing "
                            "last week does not cover today.</li></ul>"
                            "<h2>Transparency beyond disclosure</h2>"
                            "<p>Never create anonymous or invented accounts to praise Northwind, "
                            "criticise a competitor or make a debate look one-sided. Never ask "
                            "friends or family to post for us without saying they know someone "
                            "here. And separate your opinions from the company's: “I think” and "
                            "“in my experience” are honest phrases. Speak for Northwind only when "
                            "you are certified and it is your role to do so.</p>"
                        ),
                    ),
                    (
                        "callout",
                        {
                            "kind": "warning",
                            "title": "A bio line is not a disclosure",
                            "text": (
                                "<p>Listing Northwind as your employer on your profile is good, "
                                "but it does not count as disclosure for an individual post. Most "
                                "readers never open your profile. Put the disclosure in the "
                                "post.</p>"
                            ),
                        },
                    ),
                    (
                        "do_dont",
                        {
                            "platform": "Reddit",
                            "do_post": (
                                "Full disclosure: I work at Northwind, on the Harbor team. For "
                                "what it's worth, the 4-bay model handles your use case well, but "
                                "check the RAID options in the public spec sheet before you buy."
                            ),
                            "dont_post": (
                                "Honestly as a long-time sysadmin, Harbor is the only storage I'd "
                                "trust. The others are junk."
                            ),
                            "why": (
                                "<p>The first reply is honest about the author's connection and "
                                "points to public information. The second presents an employee as "
                                "a neutral user and knocks competitors. On communities such as "
                                "Reddit, undisclosed employees are routinely unmasked, and the "
                                "backlash hurts far more than the comment ever helped.</p>"
                            ),
                        },
                    ),
                    (
                        "scenario",
                        {
                            "situation": (
                                "<p>You record a short video for your personal YouTube channel "
                                "walking through a new Atlas feature you helped build. You mention "
                                "in the video description, below the fold, that you work at "
                                "Northwind.</p>"
                            ),
                            "question": "Is that enough disclosure?",
                            "discussion": (
                                "<p>Not quite. Many viewers never expand the description, and "
                                "clips get shared without it. Say it in the video itself near the "
                                "start (“I work on the Atlas team at Northwind”), and keep the "
                                "written disclosure near the top of the description. Also check "
                                "that what you demonstrate is already public, and that no customer "
                                "data is visible on screen.</p>"
                            ),
                        },
                    ),
                ],
            },
            {
                "slug": "endorsements-reviews-and-regulated-industries",
                "title": "Endorsements, reviews and regulated industries",
                "intro": (
                    "The rules on reviews, rewards and endorsements, and the extra care regulated "
                    "customers need."
                ),
                "body": [
                    (
                        "rich_text",
                        (
                            "<h2>Endorsements</h2>"
                            "<p>An endorsement is any message that people are likely to read as "
                            "reflecting someone's honest opinion of a product: a recommendation, a "
                            "testimonial, a review, a “this changed how we work” post. When there "
                            "is a material connection, such as employment, payment, free products, "
                            "discounts or a prize, the connection must be disclosed clearly, so "
                            "that readers can judge the endorsement for themselves. That applies "
                            "to you, to customers we invite to speak, and to influencers we work "
                            "with.</p>"
                            "<ul><li>Employees use <em>#NorthwindEmployee</em>, <em>#employee</em> "
                            "or plain words.</li>"
                            "<li>Anyone we pay, or who receives something of value from us, uses "
                            "<em>#ad</em> or an equally clear statement, plus the platform's "
                            "paid-partnership label where one exists.</li>"
                            "<li>Vague tags such as <em>#sp</em>, <em>#collab</em> or "
                            "<em>#thanks</em> are not clear enough.</li></ul>"
                            "<h2>Reviews</h2>"
                            "<p>Reviews on sites such as G2, Gartner Peer Insights, app stores and "
                            "retailers strongly influence buyers, which is why the rules are "
                            "strict:</p>"
                            "<ul><li><strong>Never write reviews of Northwind products or "
                            "competitors' products</strong> as if you were an independent "
                            "customer. Many review sites forbid employee reviews altogether.</li>"
                            "<li><strong>Never write, buy or swap fake reviews</strong>, and never "
                            "ask friends or family to post them.</li>"
                            "<li><strong>No incentivised reviews without approval and "
                            "disclosure.</strong> If a campaign offers customers something for "
                            "writing a review, the Social Media Team must approve it, the reward "
                            "must not depend on the review being positive, and each review must "
                            "say that the reviewer received something.</li>"
                            "<li><strong>Never suppress negative reviews</strong> or ask customers "
                            "to take them down. Respond helpfully instead.</li></ul>"
                            "<h2>Regulated industries</h2>"
                            "<p>Many Northwind customers are banks, insurers, hospitals and "
                            "health-tech companies. Their sectors have their own rules on what can "
                            "be said in public, on top of consumer-protection law. Financial firms "
                            "are bound by rules on promotions and client confidentiality; "
                            "healthcare organisations by rules that protect patient data, such as "
                            "HIPAA in the US. In practice that means:</p>"
                            "<ul><li>Never name a regulated customer, or describe how they use our "
                            "products, without written approval from the customer and from "
                            "Northwind Legal.</li>"
                            "<li>Never claim that Northwind products make a customer “compliant” "
                            "with a regulation. Compliance is the customer's responsibility and "
                            "depends on how they configure and use our products.</li>"
                            "<li>Never post screenshots, logs or examples that might contain "
                            "patient or financial data, even blurred.</li></ul>"
                            "<p>Northwind's own finances are regulated too. Do not comment on our "
                            "share price, results, acquisitions or forecasts. Sharing information "
                            "that is not yet public could break securities law, not just our "
                            "policy.</p>"
                        ),
                    ),
                    (
                        "callout",
                        {
                            "kind": "warning",
                            "title": "Do not say “compliant”",
                            "text": (
                                "<p>“Atlas makes you HIPAA compliant” is a claim we cannot make. "
                                "“Atlas includes features that can help you meet your compliance "
                                "requirements” is accurate. When in doubt, link to the public "
                                "compliance page instead of paraphrasing it.</p>"
                            ),
                        },
                    ),
                    (
                        "do_dont",
                        {
                            "platform": "X",
                            "do_post": (
                                "We're giving every customer who writes an honest review of Atlas "
                                "on G2 this month a $20 donation to the charity of their choice, "
                                "whatever their rating. Please mention the donation in your review."
                            ),
                            "dont_post": (
                                "Leave Atlas a 5-star review on G2 and we'll send you a $50 gift "
                                "card! DM us a screenshot."
                            ),
                            "why": (
                                "<p>The first offer (approved by the Social Media Team) does not "
                                "depend on a positive rating and asks reviewers to disclose it. "
                                "The second buys five-star reviews and leaves readers unaware that "
                                "they were paid for, which is exactly what endorsement rules "
                                "forbid.</p>"
                            ),
                        },
                    ),
                    (
                        "scenario",
                        {
                            "situation": (
                                "<p>A hospital customer has had great results with Atlas and their "
                                "IT manager would love to post about it. Your sales colleague "
                                "suggests you help by writing a LinkedIn post: “Proud that "
                                "[Hospital] now runs its patient systems on Atlas and is fully "
                                "HIPAA compliant.”</p>"
                            ),
                            "question": (
                                "What is wrong with the post, and what would a good version need?"
                            ),
                            "discussion": (
                                "<p>It names a regulated customer without approval, describes "
                                "their use of our products, and makes a compliance claim that is "
                                "not ours to make. A good version starts with written approval "
                                "from the hospital and Northwind Legal, ideally as a case study "
                                "that the customer's own team has reviewed. Your post would then "
                                "share that published case study, disclose that you work at "
                                "Northwind, and avoid any compliance claims.</p>"
                            ),
                        },
                    ),
                ],
            },
        ],
        "quiz": {
            "title": "Social media policy quiz",
            "intro": (
                "Six questions on the five principles and the disclosure rules. You need 80% to "
                "pass."
            ),
            "pass_mark": 80,
            "max_attempts": 3,
            "cooldown_minutes": 0,
            "questions": [
                {
                    "kind": "multiple",
                    "text": (
                        "Which of these are among the five principles of the Northwind social "
                        "media policy? Choose all that apply."
                    ),
                    "explanation": (
                        "The five principles are: be transparent and disclose; protect "
                        "confidential and customer information; be respectful; be responsible and "
                        "own your words; use good judgement and know when to hand off. Winning "
                        "arguments is not one of them."
                    ),
                    "choices": [
                        ("Make sure Northwind always has the last word", False),
                        ("Use good judgement and know when to hand off", True),
                        ("Protect confidential and customer information", True),
                        ("Be respectful", True),
                        ("Be transparent and disclose", True),
                    ],
                },
                {
                    "kind": "single",
                    "text": (
                        "Where should you disclose that you work at Northwind when you recommend "
                        "one of our products?"
                    ),
                    "explanation": (
                        "People see posts one at a time, in feeds, shares and screenshots. The "
                        "disclosure belongs in the post itself, clearly and early, every time."
                    ),
                    "choices": [
                        ("At the end, after the other hashtags", False),
                        ("In your profile bio, once", False),
                        ("Only if someone asks whether you work there", False),
                        ("In the post itself, clearly and where people will see it", True),
                    ],
                },
                {
                    "kind": "true_false",
                    "text": (
                        "If Northwind did not pay you for a post, you do not need to disclose that "
                        "you work here."
                    ),
                    "explanation": (
                        "Employment is itself a material connection. Consumer-protection rules "
                        "such as the FTC's Endorsement Guides require it to be disclosed whether "
                        "or not you were paid for the post."
                    ),
                    "choices": [
                        ("True", False),
                        ("False", True),
                    ],
                },
                {
                    "kind": "multiple",
                    "text": (
                        "Which of these may you NOT post without permission? Choose all that apply."
                    ),
                    "explanation": (
                        "Anything you learned because you work here is confidential until "
                        "Northwind publishes it, and customer and colleague information needs "
                        "permission. A published press release or a public job advert is already "
                        "public."
                    ),
                    "choices": [
                        ("A colleague's mobile number", True),
                        ("A public job advert on Northwind's careers site", False),
                        ("A link to Northwind's published press release", False),
                        ("The planned launch date of an unannounced product", True),
                        ("A screenshot of a customer's Atlas dashboard", True),
                    ],
                },
                {
                    "kind": "single",
                    "text": (
                        "A colleague proposes sending customers a gift card for every five-star "
                        "review they leave, without mentioning the gift card anywhere. What is the "
                        "right response?"
                    ),
                    "explanation": (
                        "Incentivised reviews need Social Media Team approval, a reward that does "
                        "not depend on the review being positive, and a clear disclosure in each "
                        "review. Paying only for five-star reviews without disclosure breaks all "
                        "three rules."
                    ),
                    "choices": [
                        ("Fine, as long as the reviews are from real customers", False),
                        ("Fine, as long as the gift card is small", False),
                        ("Fine, if the reviewers add #thanks", False),
                        (
                            (
                                "Decline: rewards need approval, must not depend on a positive "
                                "rating, and must be disclosed"
                            ),
                            True,
                        ),
                    ],
                },
                {
                    "kind": "true_false",
                    "text": (
                        "You may say in public that Atlas makes a hospital customer HIPAA "
                        "compliant, as long as the customer is happy with the product."
                    ),
                    "explanation": (
                        "Compliance depends on how the customer configures and uses our products, "
                        "so it is never our claim to make. Naming a regulated customer also needs "
                        "written approval from the customer and Northwind Legal."
                    ),
                    "choices": [
                        ("True", False),
                        ("False", True),
                    ],
                },
            ],
        },
    },
    {
        "slug": "listening",
        "title": "Listening",
        "summary": (
            "How Northwind listens to what people say about us online, and what to do with what "
            "you hear."
        ),
        "duration_minutes": 35,
        "level": "practitioner",
        "tags": ["listening", "monitoring"],
        "lessons": [
            {
                "slug": "how-northwind-listens",
                "title": "How Northwind listens",
                "intro": "The listening team, its tools, and the keywords and signals it watches.",
                "body": [
                    (
                        "rich_text",
                        (
                            "<h2>Listening comes before talking</h2>"
                            "<p>Most conversations about Northwind do not happen on our accounts. "
                            "Customers ask each other for advice on Reddit, engineers compare "
                            "monitoring tools on Mastodon and Hacker News, buyers read reviews, "
                            "and someone with a broken Harbor unit posts a photo without tagging "
                            "anyone. If we only watched our own notifications, we would miss most "
                            "of what matters.</p>"
                            "<p><strong>Social listening</strong> means systematically tracking "
                            "what is said about Northwind, our products, our people and our "
                            "market, wherever it is said in public. It tells us what customers "
                            "love, what frustrates them, what competitors are doing and, "
                            "sometimes, that something is going wrong before anyone calls us.</p>"
                            "<h2>The listening team</h2>"
                            "<p>Northwind's listening team sits within the Social Media Team. It "
                            "runs the listening tool, maintains the keyword lists, reviews what "
                            "the tool finds every day, routes posts to the people who can act on "
                            "them, and sends a monthly summary of trends to product, support and "
                            "marketing leaders. Outside office hours, the on-call community "
                            "manager covers the alerts.</p>"
                            "<h2>The tools</h2>"
                            "<p>A listening tool collects public posts, comments, reviews, "
                            "articles and forum threads that match our search rules, and lets the "
                            "team filter, tag and assign them. It also raises alerts: for example, "
                            "when mentions of “Harbor” and “fire” appear together, or when the "
                            "volume of mentions jumps far above normal. Some platforms limit what "
                            "tools can see, so the team also keeps an eye on key communities by "
                            "hand.</p>"
                            "<h2>Keywords</h2>"
                            "<p>Listening is only as good as its search rules. Ours track:</p>"
                            "<ul><li><strong>Brand names</strong>, including common misspellings "
                            "(“Nortwind”, “North Wind”) and our handles;</li>"
                            "<li><strong>Product names</strong> with context words, because "
                            "“Atlas” and “Harbor” alone would return maps and boats;</li>"
                            "<li><strong>Campaign and event hashtags</strong>;</li>"
                            "<li><strong>Executive names</strong> and our spokespeople;</li>"
                            "<li><strong>Competitors and category terms</strong>, such as "
                            "“infrastructure monitoring”;</li>"
                            "<li><strong>Risk words</strong> next to our names, such as “breach”, "
                            "“outage”, “lawsuit”, “smoke” or “scam”.</li></ul>"
                            "<p>Keywords that are too broad drown the team in noise; too narrow, "
                            "and they miss things. The lists are reviewed every quarter, and "
                            "suggestions from employees are welcome.</p>"
                            "<h2>Sentiment and volume</h2>"
                            "<p>Tools label posts as positive, neutral or negative. That is useful "
                            "for trends: a steady rise in negative mentions of Atlas billing is a "
                            "signal worth acting on. But automated sentiment is often wrong on "
                            "individual posts. It misreads sarcasm (“great, another outage”), "
                            "jargon (“this tool kills it”) and mixed feelings. <strong>Always read "
                            "the post before you act on it.</strong></p>"
                            "<p>Volume matters as much as tone. A sudden spike, even of neutral "
                            "mentions, means something is happening and someone should find out "
                            "what.</p>"
                        ),
                    ),
                    (
                        "callout",
                        {
                            "kind": "tip",
                            "title": "Read, don't just count",
                            "text": (
                                "<p>A dashboard that shows 70% positive sentiment can hide the one "
                                "post that matters, such as a customer reporting a security "
                                "problem. Numbers point you at posts; people decide what they "
                                "mean.</p>"
                            ),
                        },
                    ),
                    (
                        "do_dont",
                        {
                            "platform": "Listening tool (internal note)",
                            "do_post": (
                                "14 mentions in 2 hours of Atlas agents using high CPU after "
                                "today's update, from unrelated accounts. Routed to Support and "
                                "the Atlas on-call engineer with links."
                            ),
                            "dont_post": "Sentiment 68% positive today, nothing to report.",
                            "why": (
                                "<p>These are internal listening notes, not public posts. The "
                                "first spots a pattern across separate accounts, reads the actual "
                                "posts and routes them to the people who can fix the issue. The "
                                "second trusts an average and misses the signal hidden inside "
                                "it.</p>"
                            ),
                        },
                    ),
                    (
                        "scenario",
                        {
                            "situation": (
                                "<p>Northwind is launching a campaign with the hashtag "
                                "#WatchEverything. A week before launch, you notice that the same "
                                "hashtag is already used by a group campaigning against workplace "
                                "surveillance.</p>"
                            ),
                            "question": "What does listening tell you here, and who needs to know?",
                            "discussion": (
                                "<p>Listening before a launch is exactly how this kind of clash is "
                                "caught. The campaign team and the Social Media Team need to know "
                                "now, with examples of how the hashtag is already being used. A "
                                "good answer considers how our posts would look in that stream, "
                                "whether a different hashtag would avoid the clash, and adding the "
                                "hashtag to the listening rules whatever is decided.</p>"
                            ),
                        },
                    ),
                ],
            },
            {
                "slug": "routing-what-you-hear",
                "title": "Routing what you hear",
                "intro": (
                    "Listening is only useful if what we hear reaches someone who can act on it."
                ),
                "body": [
                    (
                        "rich_text",
                        (
                            "<h2>Every mention has an owner</h2>"
                            "<p>Hearing something is the easy part. Value comes from getting it to "
                            "the person who can do something about it, quickly and with enough "
                            "context. Northwind uses a simple routing guide:</p>"
                            "<ul><li><strong>Customer problems</strong> (a faulty unit, a billing "
                            "question, a bug): Customer Support, through the support queue in the "
                            "social media tool.</li>"
                            "<li><strong>Product feedback and feature requests</strong>: the "
                            "relevant product team, tagged in the listening tool and included in "
                            "the monthly summary.</li>"
                            "<li><strong>Sales interest</strong> (“can anyone recommend a "
                            "monitoring tool?”): the regional sales team, who may respond only "
                            "through certified colleagues.</li>"
                            "<li><strong>Security or privacy reports</strong> (a claimed "
                            "vulnerability, leaked data, a phishing page using our brand): the "
                            "Security team, <strong>at once</strong>, through the social "
                            "escalation line.</li>"
                            "<li><strong>Media, analysts and legal threats</strong>: "
                            "Communications or Legal, through the Social Media Team.</li>"
                            "<li><strong>Posts about employees</strong> (harassment of a "
                            "colleague, a complaint about someone's conduct): HR, through the "
                            "Social Media Team.</li>"
                            "<li><strong>Possible crises</strong>: the Social Media Team's "
                            "escalation line, immediately. You will learn the triage tree in the "
                            "Crisis triage course.</li></ul>"
                            "<h2>What a good hand-off contains</h2>"
                            "<p>The person receiving your hand-off may be busy and may never have "
                            "seen the post. Give them everything they need in one message:</p>"
                            "<ol><li>A <strong>link</strong> to the post and a "
                            "<strong>screenshot</strong>, because posts get edited and "
                            "deleted;</li>"
                            "<li><strong>When</strong> it was posted and when you saw it;</li>"
                            "<li><strong>Who</strong> posted it, if it matters (a customer, a "
                            "journalist, an account with a large following);</li>"
                            "<li><strong>Why</strong> you think it matters and how fast it seems "
                            "to be spreading;</li>"
                            "<li>Whether anyone from Northwind has <strong>already "
                            "replied</strong>.</li></ol>"
                            "<h2>Your part as an employee</h2>"
                            "<p>You do not need to run the listening tool to be part of listening. "
                            "Every employee sees things the tool misses: a post in a private "
                            "industry group, a comment at a meetup that then appears online. If "
                            "you see something, pass it to the Social Media Team with the five "
                            "points above, using the form on the Social Academy page or the "
                            "#social-help channel.</p>"
                            "<p>What you should not do is answer it yourself unless you are "
                            "certified and it is your role. A well-meant reply from someone "
                            "without the full picture can make things worse, especially for "
                            "security reports and complaints.</p>"
                            "<h2>Closing the loop</h2>"
                            "<p>The listening team tracks each routed item until it has an owner. "
                            "When the owner acts, such as fixing a bug or answering a customer, "
                            "the team makes sure the original poster hears back where that is "
                            "appropriate. Customers notice when a public complaint leads to a "
                            "visible fix.</p>"
                        ),
                    ),
                    (
                        "callout",
                        {
                            "kind": "warning",
                            "title": "Security reports go straight to Security",
                            "text": (
                                "<p>If someone claims to have found a vulnerability or says their "
                                "data has leaked, do not reply, do not ask for details in public "
                                "and do not wait for business hours. Use the social escalation "
                                "line immediately. The Security team will decide how to "
                                "respond.</p>"
                            ),
                        },
                    ),
                    (
                        "do_dont",
                        {
                            "platform": "Slack (internal)",
                            "do_post": (
                                "Spotted on LinkedIn (link + screenshot attached): the IT director "
                                "at a large retail customer says their Harbor units dropped "
                                "offline overnight and Support hasn't called back. Posted 07:40, "
                                "seen 08:05, 30 reactions so far, no Northwind reply yet. Routing "
                                "to Support and flagging to the Social Media Team."
                            ),
                            "dont_post": (
                                "Someone's angry about Harbor on LinkedIn, might be worth a look?"
                            ),
                            "why": (
                                "<p>Both messages go to the internal #social-help channel. The "
                                "first gives the receiver the link, the evidence, the timing, who "
                                "posted, how it is spreading and whether we have replied, so they "
                                "can act within minutes. The second sends them on a search.</p>"
                            ),
                        },
                    ),
                    (
                        "scenario",
                        {
                            "situation": (
                                "<p>On a developer forum, someone posts that Atlas's login page "
                                "can be bypassed with a specific trick and says they will publish "
                                "full details in a week if Northwind does not reply. A few people "
                                "have already replied asking for the details.</p>"
                            ),
                            "question": (
                                "Where does this go, how fast, and what should you avoid doing?"
                            ),
                            "discussion": (
                                "<p>This is a security report with a deadline and a growing "
                                "audience: route it to Security at once through the social "
                                "escalation line, with the link, a screenshot, the time and the "
                                "replies so far. Do not reply, do not test the trick yourself and "
                                "do not ask for details in public. Security decides whether and "
                                "how Northwind answers, usually by inviting the researcher to its "
                                "responsible disclosure process.</p>"
                            ),
                        },
                    ),
                ],
            },
        ],
        "quiz": {
            "title": "Listening quiz",
            "intro": (
                "Five questions on how Northwind listens and routes what it hears. You need 80% to "
                "pass."
            ),
            "pass_mark": 80,
            "max_attempts": 3,
            "cooldown_minutes": 0,
            "questions": [
                {
                    "kind": "multiple",
                    "text": (
                        "Which of these make good listening keywords for Northwind? Choose all "
                        "that apply."
                    ),
                    "explanation": (
                        "Good search rules cover brand names and misspellings, product names with "
                        "context words, and campaign hashtags. A generic word such as 'cloud' on "
                        "its own would drown the team in noise."
                    ),
                    "choices": [
                        (
                            (
                                "Atlas and Harbor combined with context words such as monitoring "
                                "or storage"
                            ),
                            True,
                        ),
                        ("Our campaign and event hashtags", True),
                        ("Northwind and common misspellings such as Nortwind", True),
                        ("The word 'cloud' on its own", False),
                    ],
                },
                {
                    "kind": "true_false",
                    "text": (
                        "Automated sentiment scores are reliable enough to act on without reading "
                        "the posts themselves."
                    ),
                    "explanation": (
                        "Sentiment labels are useful for trends but often wrong on single posts: "
                        "they misread sarcasm, jargon and mixed feelings. Always read the post "
                        "before acting."
                    ),
                    "choices": [
                        ("True", False),
                        ("False", True),
                    ],
                },
                {
                    "kind": "single",
                    "text": (
                        "Someone posts that they have found a way to bypass the Atlas login page. "
                        "What do you do?"
                    ),
                    "explanation": (
                        "Security and privacy reports go straight to the Security team through the "
                        "social escalation line, immediately and without a public reply."
                    ),
                    "choices": [
                        ("Try the trick yourself first to see if it is real", False),
                        (
                            "Escalate it to Security at once through the social escalation line",
                            True,
                        ),
                        ("Add it to the monthly listening summary", False),
                        ("Reply asking them to post the details so we can check", False),
                    ],
                },
                {
                    "kind": "single",
                    "text": "Which hand-off gives the receiver what they need?",
                    "explanation": (
                        "A good hand-off includes a link and screenshot, when it was posted and "
                        "seen, who posted it, why it matters and how it is spreading, and whether "
                        "anyone from Northwind has already replied."
                    ),
                    "choices": [
                        ("A short note saying a customer is unhappy somewhere online", False),
                        ("A copy of the reply you have already posted", False),
                        (
                            (
                                "A link, a screenshot, the timing, who posted, why it matters and "
                                "whether we have replied"
                            ),
                            True,
                        ),
                    ],
                },
                {
                    "kind": "true_false",
                    "text": (
                        "Listening matters because most conversations about Northwind happen "
                        "without tagging our official accounts."
                    ),
                    "explanation": (
                        "Customers talk to each other on forums, networks and review sites far "
                        "more often than they tag us. Watching only our notifications would miss "
                        "most of what matters."
                    ),
                    "choices": [
                        ("True", True),
                        ("False", False),
                    ],
                },
            ],
        },
    },
    {
        "slug": "engaging-and-responding",
        "title": "Engaging and responding on Northwind's behalf",
        "summary": (
            "How to reply for Northwind: the right tone and timing, responding without arguing, "
            "taking conversations offline properly, and correcting mistakes in the open."
        ),
        "duration_minutes": 45,
        "level": "practitioner",
        "tags": ["engagement", "customer-care"],
        "lessons": [
            {
                "slug": "tone-and-timing",
                "title": "Tone and timing",
                "intro": (
                    "Sound like a helpful person, not a press release, and reply while it still "
                    "matters."
                ),
                "body": [
                    (
                        "rich_text",
                        (
                            "<h2>Sound like a person</h2>"
                            "<p>When you reply for Northwind, you are the company's voice for that "
                            "customer at that moment. The Northwind voice is <strong>friendly, "
                            "clear, competent and honest</strong>. In practice:</p>"
                            "<ul><li><strong>Write as you would speak</strong> to a customer "
                            "standing in front of you. Short sentences, everyday words, no jargon "
                            "unless the customer used it first.</li>"
                            "<li><strong>Use their name</strong> and refer to the details they "
                            "gave you. Nothing says “nobody read your post” like a template that "
                            "ignores what was said.</li>"
                            "<li><strong>Sign off with your first name or initials</strong> on "
                            "shared accounts, so customers know a real person is listening and can "
                            "pick up the thread with the same person.</li>"
                            "<li><strong>Match the mood.</strong> A joke can land well with a "
                            "happy customer and terribly with a frustrated one. When someone is "
                            "upset, skip the emoji and the exclamation marks.</li>"
                            "<li><strong>Be honest about what you know.</strong> “I don't know "
                            "yet, but I'll find out and come back to you by 3 p.m.” beats a "
                            "confident guess.</li></ul>"
                            "<h2>Timing</h2>"
                            "<p>On social media, a slow answer feels like no answer. Customers who "
                            "complain in public often expect a response within the hour. "
                            "Northwind's targets for official accounts are:</p>"
                            "<ul><li><strong>Acknowledge within one hour</strong> during staffed "
                            "hours (7 a.m. to 8 p.m. in each region, every day), even if the full "
                            "answer takes longer.</li>"
                            "<li><strong>Update or resolve within 24 hours</strong>, and keep the "
                            "customer informed if it will take longer.</li>"
                            "<li>Outside staffed hours, the account's profile says when we are "
                            "back, and the on-call community manager watches for urgent issues and "
                            "crises.</li></ul>"
                            "<p>Speed is not everything, though. A fast wrong answer is worse than "
                            "a quick acknowledgement followed by a correct one. If you need to "
                            "check something, say so.</p>"
                            "<h2>Positive posts deserve replies too</h2>"
                            "<p>It is easy to spend all our time on complaints. When a customer "
                            "shares a success or thanks a colleague, a warm, specific reply (“Glad "
                            "the new alert grouping cut your pager noise, Dana!”) builds the "
                            "relationship and shows others that we are listening. Just avoid "
                            "turning every thank-you into a sales pitch.</p>"
                        ),
                    ),
                    (
                        "callout",
                        {
                            "kind": "tip",
                            "title": "Read it aloud",
                            "text": (
                                "<p>Before sending, read your reply aloud. If it sounds like "
                                "something no human would say to another human, such as “We "
                                "apologise for any inconvenience this may have caused”, rewrite "
                                "it.</p>"
                            ),
                        },
                    ),
                    (
                        "do_dont",
                        {
                            "platform": "X",
                            "do_post": (
                                "@dana_ops Sorry your alerts went quiet last night, Dana, that's "
                                "the opposite of what Atlas should do. I'm checking with our "
                                "on-call team now and will update you here by 11:00. ^MK"
                            ),
                            "dont_post": (
                                "@dana_ops We apologise for any inconvenience. Please refer to our "
                                "support portal for assistance."
                            ),
                            "why": (
                                "<p>The first reply is fast, uses her name and her details, takes "
                                "ownership and promises a specific update from a named person. The "
                                "second is a template that tells a frustrated customer to go away, "
                                "in public.</p>"
                            ),
                        },
                    ),
                    (
                        "scenario",
                        {
                            "situation": (
                                "<p>A customer posts on Friday at 7:30 p.m. that their Atlas "
                                "dashboards are blank. You are certified and on the rota until 8 "
                                "p.m. The fix is not obvious, and the engineers you would ask have "
                                "gone home.</p>"
                            ),
                            "question": "What do you reply, and what happens next?",
                            "discussion": (
                                "<p>Acknowledge now: you have seen it, you are sorry, and here is "
                                "what happens next. Then route it properly, to Support's "
                                "out-of-hours queue and, if other customers report the same thing, "
                                "to the on-call community manager, since it may be an outage "
                                "rather than a single customer problem. Tell the customer when "
                                "they will hear from us and make sure the hand-over note lets the "
                                "next person keep that promise.</p>"
                            ),
                        },
                    ),
                ],
            },
            {
                "slug": "respond-dont-argue",
                "title": "Respond, don't argue",
                "intro": (
                    "Why we help rather than argue, how to take a conversation offline properly, "
                    "and why we never delete complaints."
                ),
                "body": [
                    (
                        "rich_text",
                        (
                            "<h2>Customers have the right to complain in public</h2>"
                            "<p>It can feel uncomfortable to see a complaint about Northwind "
                            "sitting on our own page. But customers have every right to talk in "
                            "public about problems they have with our products. A public complaint "
                            "is also an opportunity: everyone watching sees how we treat people "
                            "when things go wrong. <strong>Our answer is help, never "
                            "deletion.</strong> Deleting or hiding a legitimate complaint tells "
                            "the customer and everyone else that we would rather silence them than "
                            "fix their problem, and it usually ends up as a screenshot with a much "
                            "bigger audience.</p>"
                            "<p>Posts that break our community guidelines, such as spam, abuse or "
                            "someone's personal data, are a different matter, and you will learn "
                            "how to handle them in the Community guidelines course. Criticism, "
                            "however harsh, is not a breach.</p>"
                            "<h2>Respond, don't argue</h2>"
                            "<p>When someone is angry, the goal is to solve their problem, not to "
                            "win the exchange. A few habits help:</p>"
                            "<ul><li><strong>Acknowledge first.</strong> Show that you have "
                            "understood the problem before explaining anything.</li>"
                            "<li><strong>Stick to facts you can stand behind</strong>, and say "
                            "them once. Repeating them more loudly does not make them truer.</li>"
                            "<li><strong>Never get personal</strong>, never be sarcastic, and "
                            "never imply the customer is stupid, even when they are wrong.</li>"
                            "<li><strong>Know when to stop.</strong> If someone keeps arguing "
                            "after you have stated the facts and offered help, you do not need the "
                            "last word. Onlookers can see that we tried.</li></ul>"
                            "<h2>Taking it offline, properly</h2>"
                            "<p>Many problems need private details, such as an account number, a "
                            "serial number or a log file, that must never be shared publicly. "
                            "Moving to a private channel is right for those. Done badly, though, "
                            "“please DM us” reads as “please go away”. Do it properly:</p>"
                            "<ol><li><strong>Reply publicly first</strong>, acknowledging the "
                            "problem, so others can see we responded.</li>"
                            "<li><strong>Give a reason</strong> for going private (“so we can look "
                            "at your account details safely”), and make it easy: a direct link, a "
                            "named person, a case number.</li>"
                            "<li><strong>Come back to the public thread</strong> when it is "
                            "resolved, with a short note, if the customer is comfortable with "
                            "that. Others with the same problem will find the answer.</li></ol>"
                            "<p>Never ask a customer to delete or edit their complaint, even after "
                            "you have fixed the problem. If they choose to update it, that is "
                            "their decision.</p>"
                        ),
                    ),
                    (
                        "callout",
                        {
                            "kind": "warning",
                            "title": "Never delete a complaint",
                            "text": (
                                "<p>Do not delete, hide or report a post just because it "
                                "criticises Northwind or embarrasses us. Only posts that break the "
                                "published community guidelines may be moderated, and only in the "
                                "way the guidelines describe.</p>"
                            ),
                        },
                    ),
                    (
                        "do_dont",
                        {
                            "platform": "Facebook",
                            "do_post": (
                                "Hi Marco, I'm sorry your Harbor replacement still hasn't arrived; "
                                "two weeks is far too long. I've sent you a private message with a "
                                "link to share your order number safely, and I'll chase the "
                                "courier myself. Priya, Northwind Support"
                            ),
                            "dont_post": (
                                "Hi Marco, our records show the unit was dispatched on time, so "
                                "the delay is with the courier. Please DM us rather than posting "
                                "here."
                            ),
                            "why": (
                                "<p>The first reply acknowledges the problem, takes ownership, "
                                "explains why the conversation is moving to private messages and "
                                "commits to action. The second argues about blame and sounds like "
                                "it wants the complaint off the page.</p>"
                            ),
                        },
                    ),
                    (
                        "scenario",
                        {
                            "situation": (
                                "<p>A user posts under Northwind's launch announcement that Atlas "
                                "is “overpriced garbage”. You reply politely with a link to the "
                                "pricing page and an offer to talk about their needs. They reply "
                                "with more insults about the product. Two other users start "
                                "defending Northwind.</p>"
                            ),
                            "question": "What do you do now?",
                            "discussion": (
                                "<p>You have stated the facts and offered help, so you can stop. "
                                "Replying again would turn a complaint into an argument, and it is "
                                "not our job to win it. Criticism of the product, however rude "
                                "about Atlas, stays up. If the posts turn into abuse of people, "
                                "such as insults aimed at the users defending us, the community "
                                "guidelines apply, and moderation should follow them consistently. "
                                "Thank the people defending us privately if appropriate, but do "
                                "not encourage a pile-on.</p>"
                            ),
                        },
                    ),
                ],
            },
            {
                "slug": "correcting-mistakes",
                "title": "Correcting mistakes",
                "intro": (
                    "Everyone gets something wrong eventually. What matters is how you fix it."
                ),
                "body": [
                    (
                        "rich_text",
                        (
                            "<h2>Own it, quickly and visibly</h2>"
                            "<p>Sooner or later you will post something wrong: a wrong date, a "
                            "broken link, a wrong figure, a reply that misunderstood the customer. "
                            "That is normal. What damages trust is not the mistake but a clumsy "
                            "fix. The principle is simple: <strong>correct in the open, at least "
                            "as visibly as the mistake</strong>.</p>"
                            "<ul><li><strong>Do not silently delete.</strong> If people have seen, "
                            "shared or replied to the post, deleting it leaves their replies "
                            "hanging and looks like a cover-up. Screenshots survive.</li>"
                            "<li><strong>Edit with a note</strong> where the platform allows it: "
                            "“Edited: the webinar is on Thursday 12 June, not Tuesday.”</li>"
                            "<li><strong>Reply to your own post</strong> or publish a correction "
                            "where editing is not possible, and pin it if the original is widely "
                            "shared.</li>"
                            "<li><strong>Apologise briefly</strong> if the mistake caused "
                            "inconvenience, and say what you have done about it.</li>"
                            "<li><strong>Tell the account owner or the Social Media Team</strong> "
                            "if the mistake is significant, for example a wrong price, a wrong "
                            "claim about a product or anything with legal implications.</li></ul>"
                            "<p>There are exceptions. If a post exposes personal or confidential "
                            "information, or breaks the law, remove it immediately, tell the "
                            "Social Media Team at once, and then post a short correction if one is "
                            "needed. Protecting people comes first.</p>"
                            "<h2>Correcting other people</h2>"
                            "<p>Sometimes the mistake is someone else's: a forum post says Harbor "
                            "has no encryption, or a blog gets our pricing wrong. Misinformation "
                            "about us deserves a correction, handled with care:</p>"
                            "<ul><li><strong>Check that it really is wrong</strong> and that it is "
                            "your role to answer (this is a job for certified staff).</li>"
                            "<li><strong>Correct once, politely and with a source</strong>: "
                            "“Harbor encrypts data at rest by default; here's the spec sheet.”</li>"
                            "<li><strong>Assume good faith.</strong> Most misinformation comes "
                            "from out-of-date knowledge, not malice.</li>"
                            "<li><strong>Do not chase it everywhere.</strong> If false information "
                            "is spreading widely or looks deliberate, treat it as a triage issue "
                            "and escalate, as you will learn in the Crisis triage course.</li></ul>"
                            "<p>Handled well, a correction can build trust. People remember a "
                            "company that said “we got that wrong, here's the right answer” more "
                            "kindly than one that never seemed to make mistakes.</p>"
                        ),
                    ),
                    (
                        "callout",
                        {
                            "kind": "tip",
                            "title": "Keep a correction template handy",
                            "text": (
                                "<p>A short pattern works on every platform: what was wrong, what "
                                "is right, a brief apology if needed. “Correction: the Atlas "
                                "webinar is on Thursday 12 June, not Tuesday. Sorry for the "
                                "mix-up, the registration link is unchanged.”</p>"
                            ),
                        },
                    ),
                    (
                        "do_dont",
                        {
                            "platform": "LinkedIn",
                            "do_post": (
                                "Correction to our post above: Atlas 5 pricing starts at $12 per "
                                "host per month, not $10 as we first wrote. We've edited the post "
                                "and apologise for the confusion. Full pricing: "
                                "northwindsystems.example/pricing"
                            ),
                            "dont_post": (
                                "[The original post, with 300 reactions and 40 comments asking "
                                "about the $10 price, is quietly deleted and reposted with the "
                                "right figure.]"
                            ),
                            "why": (
                                "<p>The correction is visible to everyone who saw the mistake and "
                                "explains what changed. The silent delete-and-repost leaves 40 "
                                "people wondering what happened, and someone will have a "
                                "screenshot of the $10 price.</p>"
                            ),
                        },
                    ),
                    (
                        "scenario",
                        {
                            "situation": (
                                "<p>You replied to a customer on @NorthwindSupport telling them a "
                                "Harbor firmware update would fix their problem. An hour later an "
                                "engineer tells you the update does not cover their model. The "
                                "customer has thanked you and said they will install it "
                                "tonight.</p>"
                            ),
                            "question": "How do you correct this?",
                            "discussion": (
                                "<p>Act quickly, before they install it. Reply in the same thread "
                                "so anyone else reading sees the correction too: say that your "
                                "earlier advice was wrong for their model, apologise, and give the "
                                "right next step or a named person who will follow up. Check "
                                "whether the same advice was given to other customers, and tell "
                                "the account owner so the support team can update its guidance.</p>"
                            ),
                        },
                    ),
                ],
            },
        ],
        "quiz": {
            "title": "Engaging and responding quiz",
            "intro": (
                "Six questions on tone, timing, handling complaints and correcting mistakes. You "
                "need 80% to pass."
            ),
            "pass_mark": 80,
            "max_attempts": 3,
            "cooldown_minutes": 0,
            "questions": [
                {
                    "kind": "single",
                    "text": (
                        "A customer posts publicly that their Atlas invoice is wrong for the third "
                        "month running. What is the best first reply?"
                    ),
                    "explanation": (
                        "Acknowledge the problem publicly, take ownership, explain why you are "
                        "moving to a private channel (account details) and make it easy to do so."
                    ),
                    "choices": [
                        (
                            "Wait until the billing team has investigated before replying at all",
                            False,
                        ),
                        ("Ask them to delete the post and email the billing team", False),
                        (
                            (
                                "Explain that billing errors are usually caused by customers' own "
                                "settings"
                            ),
                            False,
                        ),
                        (
                            (
                                "Apologise, acknowledge the problem, and offer a private channel "
                                "to look at their account safely"
                            ),
                            True,
                        ),
                    ],
                },
                {
                    "kind": "true_false",
                    "text": (
                        "Once a customer's problem is fixed, it is fine to delete their harsh but "
                        "non-abusive complaint from our page."
                    ),
                    "explanation": (
                        "Customers have the right to complain in public. Our answer is help, never "
                        "deletion. Only posts that break the published community guidelines may be "
                        "moderated, and criticism is not a breach."
                    ),
                    "choices": [
                        ("True", False),
                        ("False", True),
                    ],
                },
                {
                    "kind": "multiple",
                    "text": (
                        "Which of these are part of taking a conversation offline properly? Choose "
                        "all that apply."
                    ),
                    "explanation": (
                        "Reply publicly first, give a reason and an easy route to the private "
                        "channel, and come back to the public thread when it is resolved. Never "
                        "ask the customer to remove their complaint."
                    ),
                    "choices": [
                        (
                            "Come back to the public thread with a short note when it is resolved",
                            True,
                        ),
                        (
                            (
                                "Ask the customer to delete their post once you are in private "
                                "messages"
                            ),
                            False,
                        ),
                        ("Give a reason for moving to private messages and make it easy", True),
                        ("Reply publicly first so others can see we responded", True),
                    ],
                },
                {
                    "kind": "single",
                    "text": (
                        "You posted the wrong date for a webinar, and the post has been shared 40 "
                        "times. What should you do?"
                    ),
                    "explanation": (
                        "Correct in the open, at least as visibly as the mistake: edit with a note "
                        "or post a visible correction. A silent delete leaves people confused and "
                        "looks like a cover-up."
                    ),
                    "choices": [
                        (
                            "Leave it; people will find the right date on the registration page",
                            False,
                        ),
                        ("Delete the post quietly and publish a new one", False),
                        (
                            (
                                "Edit the post with a visible correction note, or reply with a "
                                "correction"
                            ),
                            True,
                        ),
                    ],
                },
                {
                    "kind": "true_false",
                    "text": (
                        "During staffed hours, Northwind's target is to acknowledge a post on an "
                        "official account within one hour."
                    ),
                    "explanation": (
                        "Acknowledge within one hour during staffed hours, then update or resolve "
                        "within 24 hours, keeping the customer informed if it takes longer."
                    ),
                    "choices": [
                        ("True", True),
                        ("False", False),
                    ],
                },
                {
                    "kind": "single",
                    "text": (
                        "Someone keeps insulting Atlas after you have politely given the facts and "
                        "offered help. What now?"
                    ),
                    "explanation": (
                        "Respond, don't argue. Once you have stated the facts and offered help, "
                        "you can stop; onlookers can see that we tried. Criticism of the product "
                        "stays up."
                    ),
                    "choices": [
                        ("Delete their comments because they are damaging the brand", False),
                        ("Point out the mistakes in their earlier posts", False),
                        ("Stop replying; the facts and the offer of help are already there", True),
                        (
                            "Repeat the facts each time they post so that we have the last word",
                            False,
                        ),
                    ],
                },
            ],
        },
    },
    {
        "slug": "crisis-triage",
        "title": "Crisis triage",
        "summary": (
            "How to sort a negative post into the right bucket, how severe it is, when to "
            "escalate, and how preparation and holding statements keep a bad day from becoming a "
            "crisis."
        ),
        "duration_minutes": 45,
        "level": "practitioner",
        "tags": ["crisis", "triage"],
        "lessons": [
            {
                "slug": "the-triage-tree",
                "title": "The triage tree",
                "intro": (
                    "Four questions that sort almost every negative post into the right hands."
                ),
                "body": [
                    (
                        "rich_text",
                        (
                            "<h2>Not every negative post is a crisis</h2>"
                            "<p>Most negative posts about Northwind are ordinary: a customer with "
                            "a problem, someone with the wrong facts, someone looking for a "
                            "reaction. Treating them all as emergencies would exhaust the team; "
                            "treating them all as routine would eventually miss a real crisis. "
                            "Triage means sorting each post quickly into the right bucket, so that "
                            "it gets the right response from the right people.</p>"
                            "<h2>The Northwind triage tree</h2>"
                            "<p>Ask these questions <strong>in this order</strong>. The order "
                            "matters: the most serious possibility is checked first.</p>"
                            "<ol><li><strong>Could this be a crisis?</strong> Does it involve "
                            "safety, a data or security incident, a legal or regulatory threat, an "
                            "executive's conduct, many customers at once, or the media? Is it "
                            "spreading fast? If yes, or if you are not sure, it is a "
                            "<strong>crisis</strong>: do not reply, escalate at once.</li>"
                            "<li><strong>Is it a real customer with a real problem?</strong> "
                            "Someone whose Harbor unit failed or whose invoice is wrong, however "
                            "angrily they say it. This is a <strong>customer problem</strong>: "
                            "respond helpfully and route it to Support.</li>"
                            "<li><strong>Is it wrong information?</strong> A post that gets facts "
                            "about Northwind or our products wrong. This is "
                            "<strong>misinformation</strong>: a certified colleague corrects it "
                            "once, politely, with a source. If it is spreading widely or looks "
                            "deliberate, treat it as a possible crisis and escalate.</li>"
                            "<li><strong>Is the poster just trying to provoke?</strong> Repeated "
                            "insults, bait, no real problem to solve, no interest in an answer. "
                            "This is a <strong>troll</strong>: do not feed it. Do not reply; "
                            "moderate only if the post breaks the community guidelines, and log "
                            "it.</li></ol>"
                            "<p>A post can change buckets. A customer problem becomes a crisis "
                            "when fifty other customers say “me too”. A troll becomes a safety "
                            "issue if they make threats. Keep an eye on what you have triaged, and "
                            "re-triage when the picture changes.</p>"
                            "<h2>Trolls and critics are different</h2>"
                            "<p>Be careful with the troll label. A customer who is furious, "
                            "sarcastic and rude but has a real problem is <strong>not</strong> a "
                            "troll; they are a customer problem with strong feelings. Only treat "
                            "someone as a troll when there is no genuine issue to solve and the "
                            "aim is plainly to provoke. When in doubt, assume a real customer.</p>"
                        ),
                    ),
                    (
                        "callout",
                        {
                            "kind": "tip",
                            "title": "When unsure, go up the tree",
                            "text": (
                                "<p>If you cannot decide between two buckets, choose the more "
                                "serious one. Escalating something that turns out to be routine "
                                "costs a few minutes. Treating a crisis as routine can cost far "
                                "more.</p>"
                            ),
                        },
                    ),
                    (
                        "do_dont",
                        {
                            "platform": "X",
                            "do_post": (
                                "@kt_builds Really sorry, that's not the experience we want you to "
                                "have. Can you send us the serial number by DM (link below)? We'll "
                                "get a replacement moving today. ^JL"
                            ),
                            "dont_post": (
                                "@kt_builds lol ok, maybe read the manual before blaming us?"
                            ),
                            "why": (
                                "<p>The customer's original post was angry and sarcastic, but they "
                                "had a real problem, a unit that would not power on. The first "
                                "reply triages it correctly as a customer problem. The second "
                                "treats a real customer as a troll, which is how a routine "
                                "complaint turns into a viral screenshot.</p>"
                            ),
                        },
                    ),
                    (
                        "scenario",
                        {
                            "situation": (
                                "<p>Three posts arrive within ten minutes. (a) “Your Atlas agent "
                                "ate my weekend, thanks for nothing” from a customer account. (b) "
                                "A blog post claiming Northwind sells customer monitoring data to "
                                "advertisers, which is false. (c) A photo of a Harbor unit with "
                                "scorch marks and the caption “this just started smoking in our "
                                "server room”.</p>"
                            ),
                            "question": "Triage each post. Which do you deal with first, and how?",
                            "discussion": (
                                "<p>(c) comes first: a possible safety issue is a crisis, so "
                                "escalate it at once through the social escalation line and do not "
                                "reply yourself. (b) is misinformation about a sensitive topic; "
                                "check whether it is spreading, and if so escalate it as a "
                                "possible crisis, otherwise a certified colleague corrects it once "
                                "with a link to our privacy commitments. (a) is a customer "
                                "problem: acknowledge it and route it to Support.</p>"
                            ),
                        },
                    ),
                ],
            },
            {
                "slug": "severity-and-escalation",
                "title": "Severity levels and escalation",
                "intro": "How serious is it, who needs to know, and how fast.",
                "body": [
                    (
                        "rich_text",
                        (
                            "<h2>Three severity levels</h2>"
                            "<p>Once a post is triaged, its severity decides who gets involved and "
                            "how fast. Northwind uses three levels:</p>"
                            "<ul><li><strong>Level 1: Routine.</strong> A single customer problem, "
                            "a one-off piece of misinformation, a troll. Handled in the normal "
                            "queue by certified staff, within the usual response targets.</li>"
                            "<li><strong>Level 2: Elevated.</strong> The same complaint from "
                            "several customers, an influential account criticising us, "
                            "misinformation that is starting to spread, a journalist asking "
                            "questions. The account owner and the Social Media Team lead are told "
                            "<strong>within the hour</strong>, and they decide who responds.</li>"
                            "<li><strong>Level 3: Crisis.</strong> A safety risk, a data or "
                            "security incident, a legal or regulatory threat, serious allegations "
                            "about Northwind or its executives, a major outage, or anything "
                            "spreading fast into the news. The crisis team is called "
                            "<strong>immediately</strong>, day or night.</li></ul>"
                            "<h2>Escalate at once</h2>"
                            "<p>For anything that might be Level 3, you do not wait, investigate "
                            "or draft a reply first. You escalate, <strong>at once</strong>:</p>"
                            "<ol><li>Call the <strong>social escalation line</strong> (the number "
                            "is on the intranet and pinned in #social-help). It reaches the "
                            "on-call crisis lead at any hour.</li>"
                            "<li>Send the link, a screenshot, the time and what you know so far. "
                            "Unsure is fine; say so.</li>"
                            "<li>Stay available, and keep watching, but <strong>do not "
                            "reply</strong> publicly unless the crisis lead asks you to.</li></ol>"
                            "<p>The crisis lead decides the level, brings in Communications, "
                            "Legal, Security or product experts as needed, and owns what Northwind "
                            "says. Having one voice matters: in a crisis, five well-meaning "
                            "replies from five employees contradict each other within minutes.</p>"
                            "<h2>What else happens in a crisis</h2>"
                            "<ul><li><strong>Scheduled posts are paused</strong> on every official "
                            "account. A cheerful promotion published in the middle of a crisis "
                            "looks careless or worse.</li>"
                            "<li><strong>Employees are told what is happening</strong> and asked "
                            "not to comment, and are given the approved statement to point people "
                            "to.</li>"
                            "<li><strong>Listening is stepped up</strong> so that the team can see "
                            "how the story is moving and which questions people are "
                            "asking.</li></ul>"
                            "<p>Escalating something that turns out to be minor is never a mistake "
                            "at Northwind. The crisis lead would much rather stand down after ten "
                            "minutes than hear about a real crisis three hours late.</p>"
                        ),
                    ),
                    (
                        "callout",
                        {
                            "kind": "warning",
                            "title": "Do not wait to be sure",
                            "text": (
                                "<p>The most common mistake in a crisis is waiting to see whether "
                                "it grows. By the time it is obvious, the story has usually been "
                                "told without us. If it might be Level 3, escalate now.</p>"
                            ),
                        },
                    ),
                    (
                        "do_dont",
                        {
                            "platform": "Slack (internal)",
                            "do_post": (
                                "@crisis-oncall Possible Level 3: a customer reports their Harbor "
                                "unit smoking in a server room (link + screenshot). Posted 14:02, "
                                "120 shares in 20 minutes, no Northwind reply yet. I have not "
                                "replied. Calling the escalation line now."
                            ),
                            "dont_post": (
                                "Going to keep an eye on this smoking Harbor post and see if it "
                                "takes off before bothering anyone."
                            ),
                            "why": (
                                "<p>The first message escalates immediately, with everything the "
                                "crisis lead needs, and confirms nobody has replied yet. The "
                                "second waits for the crisis to prove itself, which is exactly the "
                                "delay that makes crises worse.</p>"
                            ),
                        },
                    ),
                    (
                        "scenario",
                        {
                            "situation": (
                                "<p>On a Sunday evening, several customers in the same region post "
                                "that Atlas has stopped sending alerts. A tech news site retweets "
                                "one of them. The status page still shows everything as green.</p>"
                            ),
                            "question": "What severity is this, and what do you do?",
                            "discussion": (
                                "<p>Many customers, a possible major outage and media attention "
                                "point to Level 3. Call the social escalation line now, with the "
                                "links and the observation that the status page does not reflect "
                                "the problem. Do not post your own explanation. The crisis lead "
                                "will coordinate with engineering on the status page and a holding "
                                "statement, and scheduled posts should be paused.</p>"
                            ),
                        },
                    ),
                ],
            },
            {
                "slug": "holding-statements-and-preparation",
                "title": "Holding statements and preparation",
                "intro": (
                    "What to say before you have all the facts, and why preparation does most of "
                    "the work."
                ),
                "body": [
                    (
                        "rich_text",
                        (
                            "<h2>Holding statements</h2>"
                            "<p>In the first hour of a crisis, you rarely have the full story. But "
                            "silence is read as hiding or not caring. A <strong>holding "
                            "statement</strong> bridges the gap: a short, approved message that "
                            "says we know, we care, we are acting, and when people will hear more. "
                            "It does not guess at causes or blame anyone.</p>"
                            "<p>A good holding statement:</p>"
                            "<ul><li>acknowledges the issue in plain words;</li>"
                            "<li>shows concern for the people affected;</li>"
                            "<li>says what we are doing right now;</li>"
                            "<li>tells people where updates will appear and when the next one is "
                            "due;</li>"
                            "<li>gives any safety advice that is needed (“please power off "
                            "affected units”).</li></ul>"
                            "<p>For example: “We're aware that some Atlas customers are not "
                            "receiving alerts. Our engineers are investigating now. We'll post "
                            "updates at status.northwindsystems.example every 30 minutes until "
                            "it's resolved.”</p>"
                            "<p>Northwind keeps <strong>pre-approved holding statement "
                            "templates</strong> for the situations we can foresee: outages, "
                            "security incidents, product safety concerns, data questions. The "
                            "crisis lead adapts and approves one in minutes, rather than drafting "
                            "from scratch while the story runs. Only the crisis lead or a "
                            "Spokesperson they designate publishes it.</p>"
                            "<h2>Why preparation matters</h2>"
                            "<p>Research by Altimeter Group into social media crises found that "
                            "<strong>about 75% of them could have been lessened or avoided "
                            "altogether</strong> if the company had been prepared. The crises were "
                            "not bad luck; they grew because nobody was listening, nobody knew who "
                            "to call, staff had not been trained, or the first reply made things "
                            "worse.</p>"
                            "<p>Preparation at Northwind means:</p>"
                            "<ul><li>a <strong>policy</strong> and <strong>training</strong>, so "
                            "everyone knows what not to post and what to escalate, which is what "
                            "Social Academy is for;</li>"
                            "<li>a <strong>listening team</strong> that sees problems early;</li>"
                            "<li>a <strong>triage tree and severity levels</strong> that everyone "
                            "uses the same way;</li>"
                            "<li>an <strong>escalation line</strong> and an on-call rota that work "
                            "at 3 a.m.;</li>"
                            "<li><strong>holding statement templates</strong> and a contact list "
                            "for Communications, Legal and Security;</li>"
                            "<li><strong>practice</strong>: the Social Media Team runs a crisis "
                            "drill twice a year.</li></ul>"
                            "<h2>After the crisis</h2>"
                            "<p>When things calm down, the crisis lead runs a short after-action "
                            "review: what happened, what worked, what did not, and what we will "
                            "change. It is about learning, not blame. Its lessons feed back into "
                            "the templates, the keyword lists and this course.</p>"
                        ),
                    ),
                    (
                        "callout",
                        {
                            "kind": "tip",
                            "title": "Know where the templates are",
                            "text": (
                                "<p>You do not need to memorise the holding statements, but you "
                                "should know where they live: the Crisis folder on the Social "
                                "Media Team's intranet page. Take two minutes today to find it.</p>"
                            ),
                        },
                    ),
                    (
                        "do_dont",
                        {
                            "platform": "X",
                            "do_post": (
                                "We're aware some Harbor customers have reported units "
                                "overheating. Your safety comes first: if your unit feels hot or "
                                "smells of burning, please power it off. Our engineers are "
                                "investigating and we'll update here by 18:00."
                            ),
                            "dont_post": (
                                "We've seen the posts about Harbor overheating. This looks like an "
                                "installation issue on the customer side; our hardware is fully "
                                "tested. More soon."
                            ),
                            "why": (
                                "<p>The first is a proper holding statement: it acknowledges, puts "
                                "safety first, says what we are doing and when we will update. The "
                                "second guesses at the cause, blames the customer and promises "
                                "nothing specific, and it will be quoted back at us if the guess "
                                "is wrong.</p>"
                            ),
                        },
                    ),
                    (
                        "scenario",
                        {
                            "situation": (
                                "<p>You are a certified Professional. A crisis has been declared "
                                "over a possible data exposure, and the crisis lead has published "
                                "a holding statement. A long-time customer you know well messages "
                                "you directly on LinkedIn asking, “Off the record, how bad is "
                                "it?”</p>"
                            ),
                            "question": "How do you answer?",
                            "discussion": (
                                "<p>There is no off the record in a crisis. Answer kindly, point "
                                "them to the holding statement and the place where updates will "
                                "appear, and offer to connect them with their account manager or "
                                "Support. Do not speculate or share what you have heard "
                                "internally, even with a friendly customer. Let the crisis lead "
                                "know that customers are asking this question, so the next update "
                                "can answer it.</p>"
                            ),
                        },
                    ),
                ],
            },
        ],
        "quiz": {
            "title": "Crisis triage quiz",
            "intro": (
                "Six questions on the triage tree, severity levels and holding statements. You "
                "need 80% to pass, and there is a five-minute wait between attempts."
            ),
            "pass_mark": 80,
            "max_attempts": 3,
            "cooldown_minutes": 5,
            "questions": [
                {
                    "kind": "single",
                    "text": "What is the first question to ask in the Northwind triage tree?",
                    "explanation": (
                        "The tree checks the most serious possibility first: could this be a "
                        "crisis? Only then does it ask whether it is a customer problem, "
                        "misinformation or a troll."
                    ),
                    "choices": [
                        ("Is this misinformation?", False),
                        ("Is the poster a troll?", False),
                        ("Could this be a crisis?", True),
                        ("How many followers does the poster have?", False),
                    ],
                },
                {
                    "kind": "multiple",
                    "text": (
                        "Which of these should be treated as a possible Level 3 crisis? Choose all "
                        "that apply."
                    ),
                    "explanation": (
                        "Safety risks, data or security incidents and stories spreading fast into "
                        "the news are Level 3. A single unhappy customer is a Level 1 customer "
                        "problem, and a troll's insults are Level 1 as well."
                    ),
                    "choices": [
                        ("A post claims customer data from Atlas has leaked online", True),
                        ("A complaint is spreading fast and a news site has picked it up", True),
                        ("An account with no real problem keeps posting insults", False),
                        (
                            (
                                "A customer posts a photo of a Harbor unit smoking in their server "
                                "room"
                            ),
                            True,
                        ),
                        ("One customer is unhappy about a late delivery", False),
                    ],
                },
                {
                    "kind": "true_false",
                    "text": (
                        "If you are unsure whether something is a crisis, it is best to wait an "
                        "hour and see whether it grows before escalating."
                    ),
                    "explanation": (
                        "Escalate at once. Waiting to be sure is the most common crisis mistake; "
                        "escalating something minor costs a few minutes, while a late escalation "
                        "can cost far more."
                    ),
                    "choices": [
                        ("True", False),
                        ("False", True),
                    ],
                },
                {
                    "kind": "single",
                    "text": "What is a holding statement?",
                    "explanation": (
                        "A holding statement is a short, approved message that acknowledges the "
                        "issue, shows concern, says what we are doing and when people will hear "
                        "more, without guessing at causes."
                    ),
                    "choices": [
                        ("A full explanation of the cause, published as soon as possible", False),
                        ("An internal memo telling employees to stay quiet", False),
                        (
                            "A request to customers to stop posting until we have investigated",
                            False,
                        ),
                        (
                            (
                                "A short approved message saying we know, we are acting and when "
                                "we will update"
                            ),
                            True,
                        ),
                    ],
                },
                {
                    "kind": "single",
                    "text": (
                        "According to Altimeter's research, what share of social media crises "
                        "could have been lessened or avoided by preparation?"
                    ),
                    "explanation": (
                        "Altimeter found that about 75% of social media crises could have been "
                        "lessened or avoided if the company had been prepared."
                    ),
                    "choices": [
                        ("About 25%", False),
                        ("About 50%", False),
                        ("About 75%", True),
                        ("Almost none", False),
                    ],
                },
                {
                    "kind": "single",
                    "text": (
                        "A user with no real problem keeps posting bait under Northwind's posts to "
                        "get a reaction. How should this be handled?"
                    ),
                    "explanation": (
                        "That is a troll: do not feed it. Do not reply; moderate only if a post "
                        "breaks the community guidelines, and log what you did."
                    ),
                    "choices": [
                        ("Reply with a witty comeback to win over the audience", False),
                        ("Delete every post they make, whatever it says", False),
                        (
                            "Do not reply; moderate only if the guidelines are broken, and log it",
                            True,
                        ),
                        ("Escalate it as a Level 3 crisis", False),
                    ],
                },
            ],
        },
    },
    {
        "slug": "community-guidelines",
        "title": "Community guidelines",
        "summary": (
            "How Northwind writes and enforces the rules for conversations on its official "
            "accounts: what may be removed, what may not, and how to moderate fairly and "
            "consistently."
        ),
        "duration_minutes": 30,
        "level": "practitioner",
        "tags": ["moderation", "community"],
        "lessons": [
            {
                "slug": "writing-community-guidelines",
                "title": "Writing community guidelines",
                "intro": (
                    "Clear, public rules make moderation fair and keep conversations worth joining."
                ),
                "body": [
                    (
                        "rich_text",
                        (
                            "<h2>What community guidelines are for</h2>"
                            "<p>Our social media policy tells <em>employees</em> how to behave. "
                            "Community guidelines are different: they tell <em>everyone</em> who "
                            "joins a conversation on a Northwind official account, such as our "
                            "pages, our YouTube comments or the Atlas community forum, what to "
                            "expect and what is not allowed.</p>"
                            "<p>They do three jobs. They make the space welcoming, so that "
                            "customers want to ask questions and help each other. They let "
                            "moderators act fairly, because decisions rest on published rules "
                            "rather than on a moderator's mood. And they protect Northwind: when "
                            "we remove something, we can point to the rule it broke, which makes "
                            "it much harder to claim we are silencing critics.</p>"
                            "<h2>What good guidelines contain</h2>"
                            "<ul><li><strong>A welcome and a purpose.</strong> What the space is "
                            "for: “Ask questions, share tips and tell us what you think of Atlas, "
                            "good or bad.”</li>"
                            "<li><strong>What we remove</strong>, in plain words: spam and scams, "
                            "abuse, harassment and hate, threats, other people's personal data, "
                            "illegal content, impersonation, and content that is plainly off-topic "
                            "and disruptive.</li>"
                            "<li><strong>What we do not remove</strong>: criticism of Northwind "
                            "and our products, negative reviews and complaints, and praise of "
                            "competitors. Saying this out loud builds trust.</li>"
                            "<li><strong>What happens when rules are broken</strong>: hiding or "
                            "removing a post, a warning, and for repeated or serious breaches, a "
                            "block.</li>"
                            "<li><strong>How we respond</strong>: our staffed hours and where to "
                            "go for account-specific help, such as Support, so that nobody shares "
                            "private details in public.</li>"
                            "<li><strong>How to report a problem or appeal</strong> a "
                            "decision.</li></ul>"
                            "<h2>Write them for humans</h2>"
                            "<p>Guidelines that read like a legal contract will not be read. Keep "
                            "them short, a page at most, in the same friendly voice we use "
                            "everywhere. Use examples where a rule could be misunderstood: "
                            "“Sharing your own experience, even a bad one, is welcome. Posting "
                            "someone else's phone number is not.”</p>"
                            "<h2>Make them easy to find</h2>"
                            "<p>Publish the guidelines on the Northwind website and link to them "
                            "from every official account: in the bio or about section, pinned on "
                            "forums and groups, and in the description of community spaces. Every "
                            "official account uses the same core guidelines; an account may add "
                            "rules for its own space (a forum might ban reposting the same "
                            "question in several places), but it may not drop the core ones. The "
                            "Social Media Team owns the core guidelines and reviews them every "
                            "year.</p>"
                        ),
                    ),
                    (
                        "callout",
                        {
                            "kind": "tip",
                            "title": "Say what you will not remove",
                            "text": (
                                "<p>People often assume a company deletes criticism. Stating "
                                "plainly that criticism stays up, and then keeping that promise, "
                                "is one of the most effective ways to earn a community's trust.</p>"
                            ),
                        },
                    ),
                    (
                        "do_dont",
                        {
                            "platform": "Facebook",
                            "do_post": (
                                "Welcome to the Northwind page! Ask questions, share tips and tell "
                                "us what you think, good or bad. We remove spam, abuse and "
                                "anyone's personal details, and we never remove honest criticism. "
                                "Full guidelines: northwindsystems.example/community. Need help "
                                "with your account? Support is here: "
                                "northwindsystems.example/support"
                            ),
                            "dont_post": (
                                "Welcome! Please keep comments positive. Northwind reserves the "
                                "right to remove any content at its sole discretion."
                            ),
                            "why": (
                                "<p>The first pinned post explains the purpose, the rules and "
                                "where to get private help, and promises to keep criticism. The "
                                "second invites people to suspect we delete anything we do not "
                                "like, and gives moderators no rule to point to.</p>"
                            ),
                        },
                    ),
                    (
                        "scenario",
                        {
                            "situation": (
                                "<p>The Atlas community forum is growing fast. Its moderators want "
                                "to add a rule: “No negative comments about Atlas pricing; please "
                                "use the feedback form instead,” because pricing threads get "
                                "heated.</p>"
                            ),
                            "question": (
                                "Should the rule be added? What could the moderators do instead?"
                            ),
                            "discussion": (
                                "<p>No: a local rule may add to the core guidelines but not "
                                "override them, and the core guidelines protect criticism. Banning "
                                "pricing complaints would look like silencing critics. The "
                                "moderators could instead gather pricing discussion into one "
                                "pinned thread, remind people of the rules on abuse when threads "
                                "get heated, and make sure the product team reads the feedback and "
                                "responds.</p>"
                            ),
                        },
                    ),
                ],
            },
            {
                "slug": "moderating-fairly",
                "title": "Moderating fairly and consistently",
                "intro": "What may be removed, what may not, and how to make and record decisions.",
                "body": [
                    (
                        "rich_text",
                        (
                            "<h2>What may be removed</h2>"
                            "<p>On Northwind's official accounts, moderators may hide or remove "
                            "content that breaks the published guidelines, such as:</p>"
                            "<ul><li><strong>Spam and scams</strong>: repeated promotions, "
                            "phishing links, fake “Northwind support” accounts asking for "
                            "passwords;</li>"
                            "<li><strong>Abuse</strong>: insults aimed at people, harassment, hate "
                            "speech, threats;</li>"
                            "<li><strong>Personal data</strong>: phone numbers, addresses, account "
                            "or order numbers, licence keys, whether someone else's or the "
                            "poster's own;</li>"
                            "<li><strong>Illegal content</strong> and "
                            "<strong>impersonation</strong>.</li></ul>"
                            "<p>When a customer posts their own personal data while asking for "
                            "help, removing it protects them. Tell them why, and help them through "
                            "a private channel.</p>"
                            "<h2>What may not be removed</h2>"
                            "<ul><li><strong>Criticism</strong> of Northwind, our products, our "
                            "prices or our decisions, however blunt;</li>"
                            "<li><strong>Negative reviews and complaints</strong>, including ones "
                            "we think are unfair;</li>"
                            "<li><strong>Praise of competitors</strong> and comparisons that do "
                            "not favour us;</li>"
                            "<li><strong>Questions we find awkward.</strong></li></ul>"
                            "<p>If a post mixes legitimate criticism with something that breaks "
                            "the rules, such as a complaint that includes an insult aimed at a "
                            "named employee, remove only what must go where the platform allows "
                            "it, or hide the post and invite the person to repost without the "
                            "abuse.</p>"
                            "<h2>A ladder of actions</h2>"
                            "<p>Use the lightest action that works: <strong>reply</strong> and "
                            "remind people of the rules, <strong>hide</strong> the post, "
                            "<strong>remove</strong> it, <strong>warn</strong> the poster, and "
                            "only for repeated or serious breaches, <strong>block</strong>. "
                            "Threats of violence and illegal content go straight to the top of the "
                            "ladder and are escalated as a possible crisis.</p>"
                            "<h2>Consistency</h2>"
                            "<p>The same rule gets the same action, whoever the poster is and "
                            "whatever side they are on. If abuse aimed at a critic is left up "
                            "while abuse aimed at us comes down, the guidelines lose their "
                            "credibility overnight. When you are unsure, ask another moderator, "
                            "and look at how similar cases were handled before.</p>"
                            "<h2>Document every decision</h2>"
                            "<p>Every moderation action on an official account is recorded in the "
                            "moderation log in the social media tool: <strong>what</strong> was "
                            "posted (with a screenshot), <strong>when</strong>, <strong>which "
                            "rule</strong> it broke, <strong>what action</strong> was taken and "
                            "<strong>who</strong> took it. The log lets us answer a complaint "
                            "about a removal, spot repeat offenders, keep moderators consistent "
                            "with each other, and show a regulator or journalist that we moderate "
                            "by the rules.</p>"
                        ),
                    ),
                    (
                        "callout",
                        {
                            "kind": "warning",
                            "title": "“Damaging to the brand” is not a reason",
                            "text": (
                                "<p>A post is never removed because it is embarrassing, "
                                "unflattering or bad for sales. If you cannot name the guideline "
                                "it breaks, it stays up, and the right response is a helpful "
                                "reply.</p>"
                            ),
                        },
                    ),
                    (
                        "do_dont",
                        {
                            "platform": "Atlas community forum",
                            "do_post": (
                                "[Moderator note] Hi Sam, we've hidden your post because it "
                                "included your licence key, which anyone could copy. Please repost "
                                "your question without it; our Support team will contact you "
                                "privately about the key. Thanks! (Community guideline 4: personal "
                                "data)"
                            ),
                            "dont_post": (
                                "[Moderator note] Thread locked and removed. This discussion about "
                                "Atlas outages is not constructive."
                            ),
                            "why": (
                                "<p>The first action protects the customer, names the rule and "
                                "explains how to carry on. The second removes a legitimate "
                                "discussion of a real problem, names no rule, and looks like "
                                "censorship.</p>"
                            ),
                        },
                    ),
                    (
                        "scenario",
                        {
                            "situation": (
                                "<p>Under a product announcement on LinkedIn, a customer writes "
                                "that Harbor support is “useless” and adds the full name and "
                                "direct phone number of the support engineer who handled their "
                                "case, telling others to “call him and complain”.</p>"
                            ),
                            "question": (
                                "What do you remove, what do you keep, and what do you record?"
                            ),
                            "discussion": (
                                "<p>The engineer's phone number is personal data and must come "
                                "down quickly; the criticism of Harbor support is legitimate and "
                                "stays. LinkedIn does not let us edit someone else's comment, so "
                                "hide or remove the comment, and reply or message the customer "
                                "explaining which rule applied, inviting them to repost the "
                                "criticism without the personal details and offering help with "
                                "their case. Log the action with a screenshot and the rule, and "
                                "tell the engineer's manager so the colleague is supported.</p>"
                            ),
                        },
                    ),
                ],
            },
        ],
        "quiz": {
            "title": "Community guidelines quiz",
            "intro": (
                "Five questions on writing and enforcing community guidelines. You need 80% to "
                "pass."
            ),
            "pass_mark": 80,
            "max_attempts": 3,
            "cooldown_minutes": 0,
            "questions": [
                {
                    "kind": "multiple",
                    "text": (
                        "Which of these may be removed from a Northwind official account under our "
                        "community guidelines? Choose all that apply."
                    ),
                    "explanation": (
                        "Spam, abuse and personal data break the guidelines and may be removed. "
                        "Criticism of Northwind and praise of competitors may not be removed, "
                        "however uncomfortable."
                    ),
                    "choices": [
                        ("A comment saying a competitor's product is better", False),
                        ("A comment containing a customer's home address", True),
                        ("A harsh complaint that Atlas is too expensive", False),
                        ("A threat aimed at a Northwind employee", True),
                        ("A link to a fake 'Northwind support' page asking for passwords", True),
                    ],
                },
                {
                    "kind": "true_false",
                    "text": (
                        "A post that criticises Northwind bluntly, but breaks none of the "
                        "guidelines, stays up."
                    ),
                    "explanation": (
                        "Criticism is never a reason for removal. If you cannot name the guideline "
                        "a post breaks, it stays up and the right response is a helpful reply."
                    ),
                    "choices": [
                        ("True", True),
                        ("False", False),
                    ],
                },
                {
                    "kind": "single",
                    "text": (
                        "A customer asking for help posts their own full account number. What do "
                        "you do?"
                    ),
                    "explanation": (
                        "Personal data may be removed even when it is the poster's own: removing "
                        "it protects them. Tell them why and help them through a private channel."
                    ),
                    "choices": [
                        ("Reply publicly with their account details to confirm them", False),
                        ("Hide or remove it, tell them why, and help them privately", True),
                        ("Block the customer for breaking the rules", False),
                        ("Leave it, because it is their own data", False),
                    ],
                },
                {
                    "kind": "single",
                    "text": "What does the moderation log record for each action?",
                    "explanation": (
                        "Every action records what was posted (with a screenshot), when, which "
                        "rule it broke, what action was taken and who took it."
                    ),
                    "choices": [
                        ("The poster's personal details, so they can be contacted", False),
                        ("Only the number of posts removed each month", False),
                        (
                            (
                                "What was posted, when, which rule it broke, the action taken and "
                                "who took it"
                            ),
                            True,
                        ),
                    ],
                },
                {
                    "kind": "single",
                    "text": "Why does consistency matter so much in moderation?",
                    "explanation": (
                        "The same rule gets the same action whoever the poster is. If abuse of "
                        "critics stays up while abuse of Northwind comes down, the guidelines lose "
                        "their credibility."
                    ),
                    "choices": [
                        (
                            (
                                "Because guidelines are only credible if the same rule gets the "
                                "same action for everyone"
                            ),
                            True,
                        ),
                        ("Because the platforms fine accounts that moderate inconsistently", False),
                        ("Because it lets moderators skip writing down their decisions", False),
                    ],
                },
            ],
        },
    },
    {
        "slug": "finding-influencers",
        "title": "Finding influencers",
        "summary": (
            "Who the influential voices in Northwind's field are, how to find them, and how to "
            "build honest relationships with them, with disclosure every time."
        ),
        "duration_minutes": 30,
        "level": "practitioner",
        "tags": ["influencers", "disclosure"],
        "lessons": [
            {
                "slug": "who-influencers-are",
                "title": "Who influencers are in our field",
                "intro": (
                    "In business technology, influence comes from expertise and trust, not "
                    "follower counts."
                ),
                "body": [
                    (
                        "rich_text",
                        (
                            "<h2>Influence in our world</h2>"
                            "<p>When people hear “influencer”, they often picture a lifestyle star "
                            "with millions of followers. In Northwind's field, infrastructure "
                            "monitoring and storage, influence looks different. The people who "
                            "shape what our buyers think are usually:</p>"
                            "<ul><li><strong>Practitioners</strong>: site reliability engineers, "
                            "sysadmins and DevOps leads who write blogs, give talks or answer "
                            "questions generously in forums;</li>"
                            "<li><strong>Industry analysts</strong> who compare vendors and advise "
                            "buyers;</li>"
                            "<li><strong>Community leaders</strong>: organisers of meetups and "
                            "user groups, maintainers of open-source projects we integrate with, "
                            "podcast hosts;</li>"
                            "<li><strong>Journalists and newsletter writers</strong> who cover our "
                            "market;</li>"
                            "<li><strong>Customers</strong> whose experience other customers "
                            "trust.</li></ul>"
                            "<p>Some have large followings. Many have a few thousand followers, "
                            "but they are exactly the followers who buy, recommend and configure "
                            "products like ours.</p>"
                            "<h2>Relevance over reach</h2>"
                            "<p>Reach is how many people someone can reach. "
                            "<strong>Relevance</strong> is whether those people care about what we "
                            "do, and whether the influencer's opinion on our topic is trusted. For "
                            "Atlas, a respected SRE with 5,000 followers who writes about alert "
                            "fatigue is worth far more than a celebrity with two million followers "
                            "who has never run a server. Look for:</p>"
                            "<ul><li><strong>Topic fit</strong>: do they talk regularly about "
                            "monitoring, storage or operations?</li>"
                            "<li><strong>Audience fit</strong>: are their followers our customers "
                            "and buyers?</li>"
                            "<li><strong>Credibility</strong>: do others cite them, quote them, "
                            "invite them to speak?</li>"
                            "<li><strong>Engagement</strong>: do people actually discuss what they "
                            "post, or just scroll past?</li>"
                            "<li><strong>Independence</strong>: would their praise be believed "
                            "because they also criticise when it is deserved?</li></ul>"
                            "<h2>How to find them</h2>"
                            "<ul><li><strong>Listening data</strong>: the listening team can show "
                            "who is talked about, quoted and shared when people discuss our "
                            "category.</li>"
                            "<li><strong>Who others cite</strong>: whose posts do our engineers "
                            "and customers share? Whose blog appears whenever someone asks how to "
                            "fix a problem?</li>"
                            "<li><strong>Events</strong>: conference speakers, meetup organisers "
                            "and workshop hosts.</li>"
                            "<li><strong>Communities</strong>: the regulars who answer questions "
                            "well in forums, Q&amp;A sites and open-source projects.</li></ul>"
                            "<p>Record who you find in Northwind's influencer register, kept by "
                            "the Social Media Team, so that we know who is already in touch with "
                            "whom, and nobody is contacted five times by five departments.</p>"
                        ),
                    ),
                    (
                        "callout",
                        {
                            "kind": "tip",
                            "title": "Follower counts can be bought",
                            "text": (
                                "<p>Large audiences can be inflated with fake or inactive "
                                "accounts. Look at who actually engages: are the replies real "
                                "people asking real questions? A small, active, relevant audience "
                                "beats a big, silent one.</p>"
                            ),
                        },
                    ),
                    (
                        "do_dont",
                        {
                            "platform": "LinkedIn",
                            "do_post": (
                                "Hi Leah, I'm on the Atlas team at Northwind. Your post on alert "
                                "fatigue in small SRE teams was the clearest thing I've read on "
                                "the topic. We're publishing research on it next month. Would you "
                                "like an early look, no strings attached, to tell us what we've "
                                "got wrong?"
                            ),
                            "dont_post": (
                                "Hi! We love your content. Would you be interested in promoting "
                                "Northwind Atlas to your followers? Let me know your rates."
                            ),
                            "why": (
                                "<p>The first message shows the sender has read her work, explains "
                                "who they are, offers something useful and invites honest "
                                "criticism. The second is a generic sales pitch that treats her as "
                                "an advertising channel, and it has not been agreed with the "
                                "Social Media Team.</p>"
                            ),
                        },
                    ),
                    (
                        "scenario",
                        {
                            "situation": (
                                "<p>Marketing has a list of the twenty accounts with the most "
                                "followers that mention “cloud”. Your manager asks you to pick the "
                                "top five to approach about the Atlas launch.</p>"
                            ),
                            "question": (
                                "How would you judge the list, and what would you do instead?"
                            ),
                            "discussion": (
                                "<p>Follower count for a broad word tells you reach, not "
                                "relevance. Check each account for topic fit, audience fit, "
                                "credibility and real engagement; many will drop out. Then look "
                                "for the people the list misses: practitioners who write about "
                                "monitoring, analysts who cover the category, forum regulars. Ask "
                                "the listening team who is quoted in our category, and check the "
                                "influencer register before anyone reaches out.</p>"
                            ),
                        },
                    ),
                ],
            },
            {
                "slug": "working-with-influencers",
                "title": "Working with influencers honestly",
                "intro": (
                    "Build relationships, disclose every connection, and never pay for praise that "
                    "hides the payment."
                ),
                "body": [
                    (
                        "rich_text",
                        (
                            "<h2>Relationships, not transactions</h2>"
                            "<p>The best influencer relationships look like good professional "
                            "friendships. They last for years, they survive disagreements, and "
                            "both sides get something real from them. Start by being useful: read "
                            "and share their work (with disclosure), answer their questions "
                            "honestly, give them access to our engineers, invite them to briefings "
                            "and give them early looks at research. Listen to their criticism, "
                            "because it is often the most valuable feedback we get.</p>"
                            "<p>Do not ask for coverage, and never tell an influencer what to "
                            "think or say. Their value to their audience, and to us, comes from "
                            "their independence. An influencer who only ever praises Northwind is "
                            "not believed.</p>"
                            "<h2>Disclosure, every time</h2>"
                            "<p>Whenever there is a material connection between Northwind and an "
                            "influencer, it must be disclosed clearly in their content. A material "
                            "connection includes:</p>"
                            "<ul><li>payment of any kind, including fees for speaking or "
                            "writing;</li>"
                            "<li>free products, free licences or long-term loans of hardware;</li>"
                            "<li>paid travel, hotel stays or event tickets;</li>"
                            "<li>affiliate links, discount codes that earn them money, or "
                            "competition prizes;</li>"
                            "<li>a family or business relationship with a Northwind "
                            "employee.</li></ul>"
                            "<p>In the US, the FTC's Endorsement Guides require that disclosure; "
                            "most countries have similar rules, and regulated industries add their "
                            "own. The influencer must disclose in the content itself, with clear "
                            "words such as <em>#ad</em>, “Northwind paid for my trip” or "
                            "“Northwind sent me this unit to review”, plus the platform's "
                            "paid-partnership label where one exists. Northwind is responsible "
                            "too: our agreements require disclosure, and we check that it "
                            "happens.</p>"
                            "<h2>Never pay for undisclosed praise</h2>"
                            "<p>This is a firm line. Northwind never pays, or gives anything of "
                            "value, for praise that hides the connection, and never asks an "
                            "influencer to remove a disclosure, criticise a competitor on our "
                            "behalf or post reviews as if they were an ordinary customer. If an "
                            "influencer offers “organic-looking” posts for a fee, the answer is "
                            "no, and the Social Media Team should know about the offer.</p>"
                            "<h2>How Northwind works with influencers</h2>"
                            "<ul><li>Only certified Professionals contact influencers on "
                            "Northwind's behalf, after checking the influencer register.</li>"
                            "<li>Any paid work, free product or sponsored travel is agreed in "
                            "writing, approved by the Social Media Team, and includes the "
                            "disclosure requirement.</li>"
                            "<li>Honest reviews are welcome, including critical ones. We never "
                            "make a product loan conditional on a positive review.</li>"
                            "<li>Every contact and agreement is noted in the register.</li></ul>"
                        ),
                    ),
                    (
                        "callout",
                        {
                            "kind": "warning",
                            "title": "Free is not the same as no connection",
                            "text": (
                                "<p>Sending a reviewer a free Harbor unit, or paying their ticket "
                                "to our conference, creates a material connection even if no money "
                                "changes hands. Their content about us must disclose it.</p>"
                            ),
                        },
                    ),
                    (
                        "do_dont",
                        {
                            "platform": "YouTube",
                            "do_post": (
                                "[Video opening] Quick note before we start: Northwind sent me "
                                "this Harbor unit to review, and they haven't seen this video. "
                                "Here's what I liked, and what I didn't. (Description: #ad "
                                "Northwind provided this unit for review.)"
                            ),
                            "dont_post": (
                                "[Video opening] I've been testing storage for years and Harbor is "
                                "the one I'd buy with my own money. (Northwind paid for the video; "
                                "not mentioned anywhere.)"
                            ),
                            "why": (
                                "<p>The first reviewer discloses the connection out loud at the "
                                "start and in writing, and keeps their independence. The second "
                                "hides a paid relationship behind a claim of independence, which "
                                "misleads viewers and breaks endorsement rules for the creator and "
                                "for Northwind.</p>"
                            ),
                        },
                    ),
                    (
                        "scenario",
                        {
                            "situation": (
                                "<p>A popular DevOps podcaster offers to mention Atlas favourably "
                                "in three episodes for a fee, on the condition that it is “woven "
                                "in naturally” and not labelled as sponsored, because “sponsored "
                                "segments get skipped”.</p>"
                            ),
                            "question": "How do you respond?",
                            "discussion": (
                                "<p>Decline the undisclosed version; it is paid praise presented "
                                "as independent opinion. If a sponsorship fits our plans, the "
                                "Social Media Team can consider a clearly labelled sponsored "
                                "segment, agreed in writing with the disclosure requirement. Tell "
                                "the team about the offer and note it in the influencer register. "
                                "A genuine relationship, such as offering our engineers as guests "
                                "to discuss alert fatigue, may serve us better than any paid "
                                "mention.</p>"
                            ),
                        },
                    ),
                ],
            },
        ],
        "quiz": {
            "title": "Finding influencers quiz",
            "intro": (
                "Five questions on finding and working with influencers. You need 80% to pass."
            ),
            "pass_mark": 80,
            "max_attempts": 3,
            "cooldown_minutes": 0,
            "questions": [
                {
                    "kind": "single",
                    "text": (
                        "For the Atlas launch, which person is likely to be the more valuable "
                        "influencer?"
                    ),
                    "explanation": (
                        "Relevance over reach: an SRE whose audience runs production systems and "
                        "trusts their view on monitoring matters far more than a large audience "
                        "that does not care about our field."
                    ),
                    "choices": [
                        ("A lifestyle creator with two million followers", False),
                        (
                            "A respected SRE with 5,000 followers who writes about alert fatigue",
                            True,
                        ),
                        ("Whoever has the most followers on any topic", False),
                    ],
                },
                {
                    "kind": "multiple",
                    "text": (
                        "Which are good ways to find the influencers in our field? Choose all that "
                        "apply."
                    ),
                    "explanation": (
                        "Listening data, who others cite and who speaks at events, and the "
                        "regulars in communities all reveal relevant influence. A list ranked only "
                        "by follower count shows reach, not relevance."
                    ),
                    "choices": [
                        (
                            "Picking the accounts with the most followers that mention 'cloud'",
                            False,
                        ),
                        (
                            "Asking the listening team who is quoted and shared in our category",
                            True,
                        ),
                        ("Noting whose posts our engineers and customers share", True),
                        ("Looking at conference speakers and meetup organisers", True),
                    ],
                },
                {
                    "kind": "true_false",
                    "text": (
                        "If Northwind sends a reviewer a free Harbor unit but pays them nothing, "
                        "their review does not need a disclosure."
                    ),
                    "explanation": (
                        "Free products are a material connection. Under endorsement rules such as "
                        "the FTC's guides, the review must disclose that Northwind provided the "
                        "unit."
                    ),
                    "choices": [
                        ("True", False),
                        ("False", True),
                    ],
                },
                {
                    "kind": "single",
                    "text": (
                        "An influencer offers favourable mentions for a fee, as long as they are "
                        "not labelled as sponsored. What do you do?"
                    ),
                    "explanation": (
                        "Northwind never pays for undisclosed praise. Decline, and tell the Social "
                        "Media Team; a clearly labelled sponsorship could be considered instead."
                    ),
                    "choices": [
                        ("Accept, but pay through an agency so it is not traced to us", False),
                        ("Accept if the fee is small", False),
                        ("Accept, as long as the mentions are accurate", False),
                        ("Decline and tell the Social Media Team about the offer", True),
                    ],
                },
                {
                    "kind": "single",
                    "text": (
                        "What should you do before contacting an influencer on Northwind's behalf?"
                    ),
                    "explanation": (
                        "Only certified Professionals contact influencers for Northwind, and they "
                        "check the influencer register first, so the same person is not approached "
                        "by several departments."
                    ),
                    "choices": [
                        ("Check the influencer register kept by the Social Media Team", True),
                        ("Send them a free product so they are more likely to reply", False),
                        ("Ask them for their advertising rates", False),
                    ],
                },
            ],
        },
    },
    {
        "slug": "official-accounts",
        "title": "Running an official account",
        "summary": (
            "For account owners and future ones: the account inventory, how branded handles are "
            "approved, what an owner commits to, and who gets access to what."
        ),
        "duration_minutes": 40,
        "level": "expert",
        "tags": ["governance", "accounts"],
        "lessons": [
            {
                "slug": "inventory-and-governance",
                "title": "The account inventory and governance",
                "intro": (
                    "Why every official account is listed, approved and owned, and what happens "
                    "when it is retired."
                ),
                "body": [
                    (
                        "rich_text",
                        (
                            "<h2>Account sprawl is real</h2>"
                            "<p>Official accounts multiply. A product team launches a page for a "
                            "release, a region opens its own handle, an event gets a hashtag "
                            "account, a campaign spins up a video channel. A few years later "
                            "nobody remembers who has the password to half of them. Altimeter's "
                            "research found that large companies had <strong>on average 178 "
                            "corporate social media accounts</strong>. Many of them were "
                            "forgotten, out of date or unowned, and abandoned accounts are a risk: "
                            "they answer no one, confuse customers and are easy to hijack.</p>"
                            "<h2>The account inventory</h2>"
                            "<p>Northwind keeps one inventory of every official account, managed "
                            "in Social Academy by the Social Media Team. For each account it "
                            "records:</p>"
                            "<ul><li>the <strong>platform, handle and URL</strong>;</li>"
                            "<li>the <strong>owning department</strong> and the <strong>named "
                            "owner</strong>;</li>"
                            "<li>its <strong>purpose and audience</strong>;</li>"
                            "<li>its <strong>status</strong> (active, paused, being retired) and a "
                            "<strong>sunset date</strong> where one is planned;</li>"
                            "<li>the <strong>roles</strong> on the account and which certification "
                            "each role requires.</li></ul>"
                            "<p>The public list of official accounts on the Northwind website "
                            "comes from the same inventory, so customers can check whether an "
                            "account claiming to be us really is. If an account is not in the "
                            "inventory, it is not an official Northwind account.</p>"
                            "<h2>Governance: approving branded handles</h2>"
                            "<p>A new branded account, meaning any account using the Northwind "
                            "name, logo or a product name, needs approval from the Social Media "
                            "Team before it is created. The request explains:</p>"
                            "<ul><li>why a new account is needed and why an existing one will not "
                            "do;</li>"
                            "<li>who the audience is and what will be posted, how often;</li>"
                            "<li>who will own it, who will staff it, and who will cover when they "
                            "are away;</li>"
                            "<li>how success will be measured;</li>"
                            "<li>when and how the account will be retired.</li></ul>"
                            "<p>Many requests end with a better answer: a regular slot on the main "
                            "@NorthwindSystems account often reaches more people than a new handle "
                            "starting from zero followers.</p>"
                            "<h2>The owner's commitment</h2>"
                            "<p>Every official account has a named owner, a certified Professional "
                            "or Spokesperson, who commits to three things:</p>"
                            "<ol><li><strong>Post regularly</strong> and respond within "
                            "Northwind's targets. An account that posted last in 2021 tells "
                            "customers nobody is home.</li>"
                            "<li><strong>Keep the inventory entry accurate</strong>: owner, staff, "
                            "roles, status.</li>"
                            "<li><strong>Have a plan for retiring the account</strong> when its "
                            "purpose ends: an event is over, a product is discontinued or a "
                            "campaign finishes.</li></ol>"
                            "<h2>Retiring an account</h2>"
                            "<p>Retirement is planned, not abandonment. Tell followers where to go "
                            "instead and pin that message, move anything worth keeping, remove "
                            "everyone's access, and either close the account or keep it locked and "
                            "marked as archived, so the handle cannot be taken by an impersonator. "
                            "Then update the inventory.</p>"
                        ),
                    ),
                    (
                        "callout",
                        {
                            "kind": "warning",
                            "title": "If the owner leaves, the account needs a new owner",
                            "text": (
                                "<p>When an account owner changes role or leaves Northwind, the "
                                "account must be handed to a new certified owner before they go, "
                                "or it is paused. Unowned accounts are how most account hijacks "
                                "start.</p>"
                            ),
                        },
                    ),
                    (
                        "do_dont",
                        {
                            "platform": "Instagram",
                            "do_post": (
                                "Thanks for following Northwind Summit 2024! This account is now "
                                "archived. For next year's event and all Northwind news, follow "
                                "@NorthwindSystems. See you there!"
                            ),
                            "dont_post": (
                                "[Last post, 14 months ago] Day 3 of #NorthwindSummit2024! Don't "
                                "miss the keynote!"
                            ),
                            "why": (
                                "<p>The first is the final post of a planned retirement: it points "
                                "followers to the main account and marks this one as archived. The "
                                "second is an abandoned account, still looking official, with "
                                "nobody watching its messages.</p>"
                            ),
                        },
                    ),
                    (
                        "scenario",
                        {
                            "situation": (
                                "<p>The EMEA sales team wants its own LinkedIn page, “Northwind "
                                "Systems EMEA”, to post regional news. They have two people who "
                                "are keen to run it, both Enthusiasts.</p>"
                            ),
                            "question": (
                                "What should the request cover, and what needs to be true before "
                                "the account can go live?"
                            ),
                            "discussion": (
                                "<p>The request should explain why the main page is not enough, "
                                "who the audience is, how often they will post, who owns and "
                                "staffs it, how success is measured and how it will be retired. "
                                "The Social Media Team may suggest a regional showcase page or a "
                                "regular slot on the main page instead. If approved, the owner and "
                                "anyone who will publish must first be certified to the level the "
                                "account's roles require, because Enthusiasts can share news on "
                                "their personal networks but cannot publish on official "
                                "accounts.</p>"
                            ),
                        },
                    ),
                ],
            },
            {
                "slug": "organisation-and-access",
                "title": "Hub and spoke, champions and access roles",
                "intro": (
                    "How Northwind organises social media across the company, and who may monitor, "
                    "publish and manage an account."
                ),
                "body": [
                    (
                        "rich_text",
                        (
                            "<h2>Hub and spoke</h2>"
                            "<p>Companies organise social media in different ways. Some let every "
                            "team do its own thing (decentralised), which is fast but chaotic. "
                            "Some keep everything in one central team (centralised), which is "
                            "consistent but slow and far from customers. Northwind uses a "
                            "<strong>hub and spoke</strong> model:</p>"
                            "<ul><li>The <strong>hub</strong> is the Social Media Team. It owns "
                            "the policy, the community guidelines, the account inventory and "
                            "governance, the tools, listening, crisis coordination, and Social "
                            "Academy itself.</li>"
                            "<li>The <strong>spokes</strong> are business units, regions and "
                            "functions, such as Atlas, Harbor, Support, Careers and EMEA. They run "
                            "their own approved accounts and conversations, within the hub's rules "
                            "and with its help.</li></ul>"
                            "<p>This gives each team the speed and knowledge of being close to its "
                            "customers, while the company keeps one policy, one inventory and one "
                            "crisis process.</p>"
                            "<h2>Champions</h2>"
                            "<p>Each spoke has <strong>champions</strong>: the people who link "
                            "their team with the hub, share good practice, spot problems early and "
                            "encourage colleagues to get certified. Champions form a pyramid of "
                            "three tiers:</p>"
                            "<ol><li>a few people whose <strong>whole job</strong> is social "
                            "media, such as community managers;</li>"
                            "<li>more people for whom social media is <strong>part of the "
                            "job</strong>, such as support engineers on the social queue or "
                            "product marketers;</li>"
                            "<li>many <strong>curious</strong> colleagues who are learning and "
                            "contribute now and then.</li></ol>"
                            "<p>A healthy pyramid grows from the bottom: today's curious colleague "
                            "is tomorrow's Professional.</p>"
                            "<h2>Access roles</h2>"
                            "<p>Access to an official account is given to people, never as a "
                            "shared password, through three roles:</p>"
                            "<ul><li><strong>Monitor</strong>: see messages, mentions and "
                            "analytics, and route items; no publishing.</li>"
                            "<li><strong>Publish</strong>: post, reply and moderate on the "
                            "account's behalf.</li>"
                            "<li><strong>Manage</strong>: everything in Publish, plus account "
                            "settings, and approving who else gets access.</li></ul>"
                            "<p>Each account's owner sets which certificate each role requires. At "
                            "Northwind the usual default is Enthusiast for Monitor, Professional "
                            "for Publish, and Spokesperson for Manage. You request a role in "
                            "Social Academy; if "
                            "your certificate covers it, access is granted at once, or the request "
                            "waits for the owner's approval where the account asks for that.</p>"
                            "<h2>Why only certified staff</h2>"
                            "<p>A single post from an official account is Northwind speaking. "
                            "Certification is how we know that the person holding the keys knows "
                            "the policy, disclosure rules, triage tree, escalation line and "
                            "community guidelines. That is why access depends on a valid "
                            "certificate: when a certificate expires or is revoked, or when "
                            "someone leaves Northwind, every role that depended on it is "
                            "<strong>revoked automatically</strong>, and every grant and "
                            "revocation is recorded in an audit log. No shared passwords means no "
                            "former employees still able to post.</p>"
                        ),
                    ),
                    (
                        "callout",
                        {
                            "kind": "tip",
                            "title": "Ask for the smallest role you need",
                            "text": (
                                "<p>If you only need to watch for customer questions, ask for "
                                "Monitor. Fewer people with Publish and Manage means fewer ways "
                                "for an account to go wrong, and it keeps the audit log easy to "
                                "read.</p>"
                            ),
                        },
                    ),
                    (
                        "do_dont",
                        {
                            "platform": "Slack (internal)",
                            "do_post": (
                                "Welcome to the Harbor page team, Ana! Now that your Professional "
                                "certificate is through, request the Publish role in Social "
                                "Academy and I'll see it in the approval queue."
                            ),
                            "dont_post": (
                                "Welcome Ana! The Harbor page login is harbor-social@northwind "
                                "with the usual password. Just don't change it, five of us use it."
                            ),
                            "why": (
                                "<p>These are internal messages about access to an official page. "
                                "The first gives a certified person their own role, which is "
                                "recorded and revoked automatically if her certificate lapses or "
                                "she leaves. The second shares a password, so nobody knows who "
                                "posted what, and anyone who leaves keeps access.</p>"
                            ),
                        },
                    ),
                    (
                        "scenario",
                        {
                            "situation": (
                                "<p>You own the @NorthwindCareers account. A recruiter on your "
                                "team has let her certificate expire and has lost her Publish role "
                                "the week before a big hiring campaign. She asks you to give her "
                                "your login “just for this week”.</p>"
                            ),
                            "question": "What do you do?",
                            "discussion": (
                                "<p>Do not share your login: it would bypass certification, make "
                                "the audit log wrong and put your own access at risk. The quickest "
                                "route is for her to renew her certification now, after which she "
                                "can request the role again. In the meantime, she can draft posts "
                                "for you or a certified colleague to publish. If certificate "
                                "expiry is catching people by surprise, tell the Social Media "
                                "Team, who can check that reminders are reaching people.</p>"
                            ),
                        },
                    ),
                ],
            },
        ],
        "quiz": {
            "title": "Running an official account quiz",
            "intro": (
                "Five questions on the account inventory, governance and access. You need 80% to "
                "pass."
            ),
            "pass_mark": 80,
            "max_attempts": 3,
            "cooldown_minutes": 0,
            "questions": [
                {
                    "kind": "single",
                    "text": (
                        "According to Altimeter's research, roughly how many corporate social "
                        "media accounts did large companies have on average?"
                    ),
                    "explanation": (
                        "Altimeter found large companies averaged 178 corporate social media "
                        "accounts, many of them forgotten or unowned, which is why Northwind keeps "
                        "one inventory."
                    ),
                    "choices": [
                        ("About 12", False),
                        ("About 45", False),
                        ("About 178", True),
                        ("About 1,000", False),
                    ],
                },
                {
                    "kind": "multiple",
                    "text": (
                        "What does the owner of an official Northwind account commit to? Choose "
                        "all that apply."
                    ),
                    "explanation": (
                        "Owners commit to posting regularly, keeping the inventory entry accurate "
                        "and having a plan for retiring the account. Sharing the login with the "
                        "team is never allowed; access goes to people through roles."
                    ),
                    "choices": [
                        ("Keeping the account's inventory entry accurate", True),
                        ("Posting regularly and responding within Northwind's targets", True),
                        ("Sharing the login with everyone on the team", False),
                        ("Having a plan for retiring the account", True),
                    ],
                },
                {
                    "kind": "single",
                    "text": (
                        "Which access role lets someone change account settings and approve who "
                        "else gets access?"
                    ),
                    "explanation": (
                        "Manage includes everything in Publish plus account settings and approving "
                        "access. Monitor is read-and-route only; Publish is posting, replying and "
                        "moderating."
                    ),
                    "choices": [
                        ("Monitor", False),
                        ("Publish", False),
                        ("Manage", True),
                    ],
                },
                {
                    "kind": "true_false",
                    "text": (
                        "When your certificate expires, the roles on official accounts that "
                        "depended on it are revoked automatically."
                    ),
                    "explanation": (
                        "Access depends on a valid certificate. When a certificate expires or is "
                        "revoked, or someone leaves, every role that depended on it is revoked "
                        "automatically and recorded in the audit log."
                    ),
                    "choices": [
                        ("True", True),
                        ("False", False),
                    ],
                },
                {
                    "kind": "single",
                    "text": "In Northwind's hub-and-spoke model, what does the hub do?",
                    "explanation": (
                        "The hub is the Social Media Team: it owns the policy, guidelines, "
                        "inventory and governance, tools, listening and crisis coordination. The "
                        "spokes run their own approved accounts within those rules."
                    ),
                    "choices": [
                        ("Writes and publishes every post for every team", False),
                        (
                            "Owns the policy, inventory, governance, tools and crisis coordination",
                            True,
                        ),
                        ("Leaves each team to set its own rules", False),
                        ("Runs only the Careers account", False),
                    ],
                },
            ],
        },
    },
]
