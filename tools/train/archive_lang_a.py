"""Text banks for the archive set: English, German, French, Spanish.

Each language has fillers, short-document parts, sentence banks for long documents (suffix _a
for the training split, _b for the holdout split), and task templates: TASKS[kind] =
(training templates, holdout templates). Holdout templates use other verbs and sentence shapes
than the training ones so the holdout tests generalization, not memory.
"""

EN = dict(
    first=["Anna", "James", "Laura", "Michael", "Sophie", "David", "Emma", "Robert"],
    last=["Smith", "Taylor", "Brown", "Wilson", "Clarke", "Evans", "Hughes", "Walker"],
    cities=["London", "Manchester", "Dublin", "Leeds", "Bristol", "Edinburgh"],
    companies=["Northwind Ltd", "Bluebell Logistics", "Harbor Metals plc", "Greenfield Foods",
               "Atlas Software Ltd", "Kestrel Print"],
    date="{month} {d}, {y}", months=["January", "March", "April", "June", "September",
                                     "November"],
    money="GBP {v}", targets=["German", "French", "Spanish"],
    cats="billing, technical support, sales, other",
    depts="accounting, legal, HR, IT",
    invoice="INVOICE {inv}\nDate: {date}\nCustomer: {company}\n{items}\nNet total: {net}\n"
            "VAT 20%: {vat}\nTotal due: {total}\nDue date: {due}\nIBAN: {iban}",
    receipt="{company}\n{city}\nReceipt no. {inv}  {date}\n{items}\nTOTAL {total}\nPaid by card\n"
            "VAT no. GB{vatno}",
    item="{qty} x {product} @ {price}",
    products=["office chairs", "printer toner", "consulting hours", "laptop bags",
              "archive boxes", "USB cables"],
    email_a=["Dear {first}, please find attached the signed delivery note for order {inv}. The "
             "goods arrived on {date} in good condition.",
             "Hello {first}, our payment of {total} was rejected by the bank yesterday. Could "
             "you check the IBAN on your last invoice?",
             "Hi team, the printer on the second floor keeps jamming since Monday and nobody "
             "can scan contracts anymore.",
             "Dear Sir or Madam, I would like to order 40 more archive boxes at the price "
             "agreed in your offer from {date}."],
    letter_b=["Dear {first} {last}, we hereby confirm that your tenancy ends on {date}. The key "
              "handover will take place at {city} office.",
              "Dear customer, your insurance premium of {total} will be debited on {date}. No "
              "action is required on your part.",
              "To whom it may concern: {first} {last} worked for {company} as an accountant "
              "until {date}."],
    review_pos=["Fast delivery and the chairs are very comfortable. Would buy again!",
                "The support team solved my problem within an hour, excellent service."],
    review_neg=["The toner arrived broken and nobody answers the hotline. Very disappointed.",
                "Third late delivery this month, we are looking for another supplier."],
    notes_a=["Meeting moved to Thursday 3 pm. Bring the budget draft.",
             "Call {first} back about the missing invoice {inv}. Urgent."],
    notes_b=["Server maintenance on Saturday night. Save your work before 10 pm.",
             "{first} is off sick today; the audit starts tomorrow in {city}."],
    typos="Plese send me the anual report befor friday, the auditers are waitng.",
    contract_title="SERVICE AGREEMENT between {company} (the Supplier) and {company2} "
                   "(the Customer), {city}, {date}",
    policy_title="HOUSEHOLD INSURANCE POLICY {inv}. Policyholder: {first} {last}, {city}. "
                 "Valid from {date}.",
    report_title="QUARTERLY OPERATIONS REPORT {y}, {company}. Prepared by {first} {last}, {date}.",
    medical_title="DISCHARGE LETTER, Patient: {first} {last}, born {date}. Ward: internal "
                  "medicine, {city}.",
    section="Section {n}",
    contract_a=["The Supplier shall deliver the services described in Annex {n} within {d} "
                "working days of each order.",
                "The Customer shall pay each invoice within {d} days; late payments bear "
                "interest at {p}% above the base rate.",
                "Either party may terminate this Agreement with {d} days' written notice to the "
                "other party.",
                "The Supplier's total liability under this Agreement is limited to {total} per "
                "contract year.",
                "All documents handed over remain the property of the Customer and must be "
                "returned on request.",
                "The Supplier shall keep all customer data confidential and store it only in "
                "data centres located in {city}."],
    contract_b=["The insurer covers damage caused by fire, storm and burst pipes up to {total}.",
                "Claims must be reported within {d} days of the incident, with photos and "
                "receipts.",
                "The deductible for each claim amounts to {total}.",
                "Valuables are covered only if kept in a locked safe at the insured address.",
                "The policy renews automatically unless cancelled {d} weeks before expiry."],
    report_a=["Revenue in {city} grew by {p}% compared with the previous quarter.",
              "The warehouse team processed {n} orders, {p}% of them within 24 hours.",
              "Staff turnover remained stable at {p}%, while sick days rose slightly.",
              "The new scanning line digitised {n} archive boxes ahead of schedule.",
              "Energy costs fell by {p}% after the heating system was replaced.",
              "Customer complaints dropped to {n}, mostly about late deliveries."],
    report_b=["The patient was admitted with shortness of breath and a fever of 39 degrees.",
              "Blood tests showed elevated inflammation markers (CRP {n} mg/l).",
              "Treatment with intravenous antibiotics was started on day {d}.",
              "The chest X-ray on day {d} showed a clear improvement.",
              "The patient was mobilised and discharged in stable condition."],
    lab="Haemoglobin {a} g/dL (ref. 12-16)\nCRP {b} mg/L (ref. < 5)\nCreatinine {c} mg/dL\n"
        "Current medication: metformin 1000 mg twice daily, ramipril 5 mg",
    fin="Revenue {a}m | EBITDA {b}m | Net debt {c}m | Equity ratio {p}% | Overdue receivables "
        "{d} days",
    problems_a=["A company buys {a} laptops at {p} GBP each, receives a {d}% discount and then "
                "pays 20% VAT on the discounted price. How much does it pay in total?",
                "Two scanners digitise {a} and {b} pages per hour. How long do they need "
                "together for {c} pages, if the second one starts 2 hours later?"],
    problems_b=["A loan of {a} GBP is repaid in 12 equal monthly instalments at {d}% annual "
                "interest. What is the monthly instalment?",
                "Prove that the product of three consecutive integers is divisible by 6."],
    topics=["the digitisation of public archives", "remote work and data protection",
            "the history of double-entry bookkeeping"],
    code_bug="def total(items):\n    s = 0\n    for i in range(1, len(items)):\n        s += "
             "items[i]['amount']\n    return s",
    TASKS=dict(
        detect_lang=(["Which language is the following text written in? Answer with the ISO "
                      "639-1 code only.\n\n{text}",
                      "{text}\n\nDetect the language of this text. Reply with one word.",
                      "Identify the language: {text}"],
                     ["What language is this? Just the name of the language, please.\n{text}"]),
        classify=(["Classify this message into one of these categories: {cats}. Reply with "
                   "the category only.\n\n{text}",
                   "{text}\n\nCategorize the message above as one of: {cats}."],
                  ["Assign exactly one label from [{cats}] to the following ticket.\n{text}"]),
        sentiment=(["Is the sentiment of this review positive, negative or neutral?\n\n{text}",
                    "{text}\n\nSentiment (positive/negative/neutral):"],
                   ["Tag the tone of this customer feedback as positive, negative or neutral. "
                    "One word.\n{text}"]),
        extract_short=(["Extract the invoice number, the total amount and the due date from "
                        "this invoice as JSON.\n\n{doc}",
                        "{doc}\n\nWhat is the total amount of this invoice? Answer with the "
                        "amount only."],
                       ["Give me the receipt number and the date from the receipt below, "
                        "nothing else.\n{doc}"]),
        extract_long=(["{doc}\n\nWhat is the start date of this agreement? Answer with the "
                       "date only.",
                       "From the following document, extract the names of the parties.\n\n"
                       "{doc}"],
                      ["Find the policy number in this document and return only the number."
                       "\n\n{doc}"]),
        yes_no=(["Does this invoice contain an IBAN? Answer yes or no.\n\n{doc}",
                 "{doc}\n\nIs the VAT shown separately on this invoice? Yes or no."],
                ["Check whether the following receipt lists a VAT number. Reply with yes/no "
                 "only.\n{doc}"]),
        keywords=(["Give five keywords for this email.\n\n{text}",
                   "Suggest a short title for the following text.\n\n{text}"],
                  ["{text}\n\nWrite a subject line for this message (max. 8 words)."]),
        short_factual=(["{text}\n\nWhen did the goods arrive?",
                        "Based on this message, what is the order number?\n\n{text}"],
                       ["Read the letter and tell me the date mentioned in it.\n{text}"]),
        reformat=(["Convert this list into JSON with the fields name and amount:\n\n{list}",
                   "Fix the spelling mistakes in this sentence: {typo}"],
                  ["Turn the following lines into a markdown table with two columns.\n{list}"]),
        translate_short=(["Translate into {lang}:\n\n{text}",
                          "Please translate the following sentence into {lang}: {text}"],
                         ["How do you say this in {lang}? \"{text}\""]),
        route_email=(["Which department should handle this email: {depts}? Answer with one "
                      "word.\n\n{text}",
                      "Route this email to the right team ({depts}).\n\n{text}"],
                     ["Forward to accounting, legal, HR or IT? Pick one.\n{text}"]),
        summarize_short=(["Summarize this note in five words: {note}",
                          "TL;DR in one sentence: {note}"],
                         ["Give me the gist of this two-line message in under 10 words.\n"
                          "{note}"]),
        classify_long=(["{doc}\n\nWhat type of document is this (contract, report, invoice, "
                        "letter)? Answer with one word.",
                        "Classify the following document as contract, report, policy or other."
                        "\n\n{doc}"],
                       ["Tag this document with one of: legal, finance, medical, operations."
                        "\n\n{doc}"]),
        summarize_long=(["Summarize the following report.\n\n{doc}",
                         "{doc}\n\nSummarize the key points of this document."],
                        ["Please write a summary of this document covering all main findings."
                         "\n\n{doc}"]),
        briefing=(["Prepare a structured briefing for the board based on this document, with "
                   "sections for background, key findings, risks and recommendations.\n\n{doc}",
                   "{doc}\n\nTurn this into a detailed executive briefing with headings."],
                  ["Draft a comprehensive management memo from the material below, organised "
                   "under clear headings.\n\n{doc}"]),
        compare_docs=(["Compare the following offers and recommend which one we should choose."
                       "\n\n{docs}",
                       "{docs}\n\nWhat are the differences between these contracts, and which "
                       "one is more favourable for us?"],
                      ["Weigh up the proposals below against each other and tell me which is "
                       "the best value and why.\n\n{docs}"]),
        synthesize=(["Synthesize the findings across these reports into one overview.\n\n"
                     "{docs}",
                     "{docs}\n\nWhat common themes appear in all documents, and where do they "
                     "contradict each other?"],
                    ["Consolidate the information from the following sources into a single "
                     "coherent analysis.\n\n{docs}"]),
        legal_risk=(["Assess the legal risks of this contract for us as the supplier.\n\n{doc}",
                     "{doc}\n\nAre there clauses in this agreement that could expose us to "
                     "liability? Explain."],
                    ["Review this policy from the policyholder's point of view: which terms are "
                     "unfavourable and how could we negotiate them?\n\n{doc}"]),
        financial=(["Based on these figures, should we invest in {company}? Explain your "
                    "reasoning.\n\n{doc}",
                    "{doc}\n\nEvaluate the creditworthiness of this customer and recommend a "
                    "credit limit."],
                   ["Looking at the figures below, is this company financially healthy enough "
                    "to be a long-term partner? Justify your answer.\n\n{doc}"]),
        medical=(["Here is a patient's lab report. What could be the diagnosis and which "
                  "treatment options should be considered?\n\n{doc}",
                  "{doc}\n\nInterpret these findings and assess whether the current medication "
                  "is appropriate."],
                 ["Given the results below, what follow-up care would you advise, and what are "
                  "the risks?\n\n{doc}"]),
        math=(["{problem} Solve step by step.", "Calculate and explain: {problem}"],
              ["{problem} Show your work."]),
        plan=(["Plan a three-day team offsite in {city} for {n} people with a budget of {total}; "
               "nobody may travel more than two hours and we need one full workshop day.",
               "Create a project schedule for migrating our archive of {n} documents to the new "
               "system within six weeks, with only two people available."],
              ["Work out a delivery roadmap for {n} orders across three warehouses, given that "
               "each truck carries 20 orders and drivers cannot work weekends."]),
        code=(["Write a Python function that parses invoice numbers from OCR text and validates "
               "the check digit, with unit tests.",
               "Debug this code, it returns the wrong total:\n```python\n{code}\n```"],
              ["Implement a REST endpoint in Go that uploads a PDF, stores it and returns its "
               "ID, including error handling."]),
        longform=(["Write a 1500-word essay about {topic}.",
                   "Write a blog post about {topic}."],
                  ["Compose a detailed article (around 1200 words) on {topic} for our "
                   "newsletter."]),
        image=(["Describe this diagram and explain the process it shows.",
                "What does this chart say about our sales? Analyze the trend."],
               ["Look at the attached scan and tell me what is wrong with the wiring."]),
        agent=(["Find all invoices that are more than 30 days overdue, send each customer a "
                "reminder email and log the reminders in the CRM.",
                "Look up tomorrow's flights to {city}, book the cheapest one before noon and add "
                "it to my calendar."],
               ["For every new contract in the inbox, file it in the archive, read the renewal "
                "date and create a calendar reminder one month before it."]),
        extract_rank=(["Extract every supplier obligation from this contract and rank them by "
                       "risk.\n\n{doc}",
                       "{doc}\n\nList all deadlines in this agreement and prioritize them by the "
                       "financial impact of missing them."],
                      ["Pull out each exclusion from the document below and order them from "
                       "most to least severe for the policyholder.\n\n{doc}"]),
        translate_long=(["Translate this contract into {lang} and adapt it to local law.\n\n"
                         "{doc}",
                         "{doc}\n\nTranslate the agreement above into {lang}, adjusting the "
                         "legal terms to the local legal system."],
                        ["Localize the following policy for the {lang} market: translate it in "
                         "full and adapt references to local regulations.\n\n{doc}"]),
    ),
)

DE = dict(
    first=["Anna", "Jonas", "Lena", "Markus", "Sabine", "Thomas", "Julia", "Stefan"],
    last=["Müller", "Schmidt", "Weber", "Wagner", "Becker", "Hoffmann", "Schäfer", "Koch"],
    cities=["Berlin", "Hamburg", "München", "Köln", "Leipzig", "Stuttgart"],
    companies=["Nordlicht GmbH", "Becker Logistik AG", "Rheinmetall Service GmbH",
               "Alpen Software GmbH", "Hansa Druck KG", "Grünfeld Lebensmittel GmbH"],
    date="{d}.{m}.{y}", months=None,
    money="{v} EUR", targets=["Englische", "Französische", "Italienische"],
    cats="Rechnung, technischer Support, Vertrieb, Sonstiges",
    depts="Buchhaltung, Recht, Personal, IT",
    invoice="RECHNUNG Nr. {inv}\nRechnungsdatum: {date}\nKunde: {company}\n{items}\n"
            "Nettobetrag: {net}\nMwSt. 19 %: {vat}\nGesamtbetrag: {total}\nZahlbar bis: {due}\n"
            "IBAN: {iban}",
    receipt="{company}\n{city}\nBeleg-Nr. {inv}  {date}\n{items}\nSUMME {total}\nBezahlt mit Karte"
            "\nUSt-IdNr. DE{vatno}",
    item="{qty} x {product} à {price}",
    products=["Bürostühle", "Druckertoner", "Beratungsstunden", "Archivkartons", "USB-Kabel",
              "Laptoptaschen"],
    email_a=["Sehr geehrte Frau {last}, anbei erhalten Sie den unterschriebenen Lieferschein zur "
             "Bestellung {inv}. Die Ware ist am {date} unbeschädigt eingetroffen.",
             "Hallo {first}, unsere Zahlung über {total} wurde gestern von der Bank abgelehnt. "
             "Können Sie die IBAN auf Ihrer letzten Rechnung prüfen?",
             "Hallo zusammen, der Drucker im zweiten Stock hat seit Montag ständig Papierstau und "
             "niemand kann mehr Verträge scannen.",
             "Sehr geehrte Damen und Herren, ich möchte 40 weitere Archivkartons zum Preis aus "
             "Ihrem Angebot vom {date} bestellen."],
    letter_b=["Sehr geehrter Herr {last}, hiermit bestätigen wir, dass Ihr Mietverhältnis am "
              "{date} endet. Die Schlüsselübergabe findet in unserem Büro in {city} statt.",
              "Sehr geehrte Kundin, Ihr Versicherungsbeitrag von {total} wird am {date} "
              "abgebucht. Sie müssen nichts weiter tun.",
              "Wir bestätigen, dass {first} {last} bis zum {date} als Buchhalterin bei {company} "
              "beschäftigt war."],
    review_pos=["Schnelle Lieferung und die Stühle sind sehr bequem. Gerne wieder!",
                "Der Support hat mein Problem innerhalb einer Stunde gelöst, super Service."],
    review_neg=["Der Toner kam kaputt an und bei der Hotline geht niemand ran. Sehr enttäuscht.",
                "Schon die dritte verspätete Lieferung diesen Monat, wir suchen einen anderen "
                "Lieferanten."],
    notes_a=["Besprechung auf Donnerstag 15 Uhr verschoben. Budgetentwurf mitbringen.",
             "{first} wegen der fehlenden Rechnung {inv} zurückrufen. Dringend."],
    notes_b=["Serverwartung am Samstagabend. Bitte vor 22 Uhr alles speichern.",
             "{first} ist heute krank; das Audit beginnt morgen in {city}."],
    typos="Bite schiken Sie mir den Jaresbericht bis Freitag, die Prüffer warten.",
    contract_title="DIENSTLEISTUNGSVERTRAG zwischen {company} (Auftragnehmer) und {company2} "
                   "(Auftraggeber), {city}, {date}",
    policy_title="HAUSRATVERSICHERUNG Police {inv}. Versicherungsnehmer: {first} {last}, {city}. "
                 "Gültig ab {date}.",
    report_title="QUARTALSBERICHT BETRIEB {y}, {company}. Erstellt von {first} {last}, {date}.",
    medical_title="ENTLASSUNGSBRIEF, Patient: {first} {last}, geb. {date}. Station: Innere "
                  "Medizin, {city}.",
    section="§ {n}",
    contract_a=["Der Auftragnehmer erbringt die in Anlage {n} beschriebenen Leistungen innerhalb "
                "von {d} Werktagen nach jeder Bestellung.",
                "Der Auftraggeber zahlt jede Rechnung innerhalb von {d} Tagen; bei Verzug fallen "
                "Zinsen von {p} % über dem Basiszinssatz an.",
                "Jede Partei kann diesen Vertrag mit einer Frist von {d} Tagen schriftlich "
                "kündigen.",
                "Die Haftung des Auftragnehmers ist auf {total} pro Vertragsjahr begrenzt.",
                "Alle übergebenen Unterlagen bleiben Eigentum des Auftraggebers und sind auf "
                "Verlangen zurückzugeben.",
                "Der Auftragnehmer behandelt alle Kundendaten vertraulich und speichert sie nur "
                "in Rechenzentren in {city}."],
    contract_b=["Der Versicherer ersetzt Schäden durch Feuer, Sturm und Leitungswasser bis "
                "{total}.",
                "Schäden sind innerhalb von {d} Tagen mit Fotos und Belegen zu melden.",
                "Die Selbstbeteiligung beträgt je Schadenfall {total}.",
                "Wertsachen sind nur versichert, wenn sie in einem verschlossenen Tresor "
                "aufbewahrt werden.",
                "Die Police verlängert sich automatisch, sofern sie nicht {d} Wochen vor Ablauf "
                "gekündigt wird."],
    report_a=["Der Umsatz in {city} stieg gegenüber dem Vorquartal um {p} %.",
              "Das Lager hat {n} Bestellungen bearbeitet, {p} % davon innerhalb von 24 Stunden.",
              "Die Fluktuation blieb stabil bei {p} %, die Krankheitstage stiegen leicht.",
              "Die neue Scanstraße hat {n} Archivkartons vor dem Zeitplan digitalisiert.",
              "Die Energiekosten sanken nach dem Austausch der Heizung um {p} %.",
              "Die Zahl der Reklamationen sank auf {n}, meist wegen verspäteter Lieferungen."],
    report_b=["Die Aufnahme erfolgte wegen Atemnot und Fieber von 39 Grad.",
              "Die Laborwerte zeigten erhöhte Entzündungsparameter (CRP {n} mg/l).",
              "Am Tag {d} wurde eine intravenöse Antibiotikatherapie begonnen.",
              "Das Röntgenbild des Thorax am Tag {d} zeigte eine deutliche Besserung.",
              "Der Patient wurde mobilisiert und in stabilem Zustand entlassen."],
    lab="Hämoglobin {a} g/dl (Ref. 12-16)\nCRP {b} mg/l (Ref. < 5)\nKreatinin {c} mg/dl\n"
        "Aktuelle Medikation: Metformin 1000 mg 2x täglich, Ramipril 5 mg",
    fin="Umsatz {a} Mio. | EBITDA {b} Mio. | Nettoverschuldung {c} Mio. | Eigenkapitalquote {p} % "
        "| Forderungen überfällig {d} Tage",
    problems_a=["Eine Firma kauft {a} Laptops zu je {p} EUR, erhält {d} % Rabatt und zahlt "
                "dann 19 % MwSt. auf den rabattierten Preis. Wie viel zahlt sie insgesamt?",
                "Zwei Scanner schaffen {a} und {b} Seiten pro Stunde. Wie lange brauchen sie "
                "zusammen für {c} Seiten, wenn der zweite 2 Stunden später startet?"],
    problems_b=["Ein Kredit über {a} EUR wird in 12 gleichen Monatsraten bei {d} % Jahreszins "
                "getilgt. Wie hoch ist die Monatsrate?",
                "Beweise, dass das Produkt dreier aufeinanderfolgender ganzer Zahlen durch 6 "
                "teilbar ist."],
    topics=["die Digitalisierung öffentlicher Archive", "Homeoffice und Datenschutz",
            "die Geschichte der doppelten Buchführung"],
    TASKS=dict(
        detect_lang=(["In welcher Sprache ist der folgende Text geschrieben? Antworte nur mit "
                      "dem ISO-Code.\n\n{text}"],
                     ["Welche Sprache ist das? Bitte nur den Namen der Sprache.\n{text}"]),
        classify=(["Ordne diese Nachricht einer der Kategorien zu: {cats}. Antworte nur mit der "
                   "Kategorie.\n\n{text}"],
                  ["Vergib genau ein Label aus [{cats}] für das folgende Ticket.\n{text}"]),
        sentiment=(["Ist die Stimmung dieser Bewertung positiv, negativ oder neutral?\n\n{text}"],
                   ["Wie ist der Ton dieses Kundenfeedbacks: positiv, negativ oder neutral? "
                    "Ein Wort.\n{text}"]),
        extract_short=(["Extrahiere Rechnungsnummer, Gesamtbetrag und Fälligkeitsdatum aus "
                        "dieser Rechnung als JSON.\n\n{doc}"],
                       ["Gib mir nur die Belegnummer und das Datum aus dem folgenden Beleg."
                        "\n{doc}"]),
        extract_long=(["Extrahiere aus dem folgenden Vertrag die Namen der Vertragsparteien.\n\n{doc}",
                       "{doc}\n\nAb wann gilt dieser Vertrag? Antworte nur mit dem Datum."],
                      ["Finde die Policennummer in diesem Dokument und gib nur die Nummer "
                       "zurück.\n\n{doc}"]),
        yes_no=(["Enthält diese Rechnung eine IBAN? Antworte mit ja oder nein.\n\n{doc}"],
                ["Prüfe, ob auf dem folgenden Beleg eine USt-IdNr. steht. Nur ja/nein.\n{doc}"]),
        keywords=(["Nenne fünf Schlagwörter für diese E-Mail.\n\n{text}"],
                  ["{text}\n\nFormuliere eine Betreffzeile für diese Nachricht (max. 8 Wörter)."
                   ]),
        short_factual=(["{text}\n\nWann ist die Ware angekommen?"],
                       ["Lies den Brief und sag mir, welches Datum darin genannt wird.\n{text}"]),
        reformat=(["Wandle diese Liste in JSON mit den Feldern name und betrag um:\n\n{list}"],
                  ["Mach aus den folgenden Zeilen eine Markdown-Tabelle mit zwei Spalten.\n"
                   "{list}"]),
        translate_short=(["Übersetze ins {lang}:\n\n{text}"],
                         ["Wie sagt man das auf {lang}? \"{text}\""]),
        route_email=(["Welche Abteilung soll diese E-Mail bearbeiten: {depts}? Antworte mit "
                      "einem Wort.\n\n{text}"],
                     ["An Buchhaltung, Recht, Personal oder IT weiterleiten? Wähle eins.\n{text}"
                      ]),
        summarize_short=(["Fasse diese Notiz in fünf Wörtern zusammen: {note}"],
                         ["Worum geht es in dieser zweizeiligen Nachricht? Kurz, unter 10 "
                          "Wörtern.\n{note}"]),
        classify_long=(["Klassifiziere das folgende Dokument als Vertrag, Bericht, Police oder Sonstiges.\n\n{doc}",
                       "{doc}\n\nWelche Art von Dokument ist das (Vertrag, Bericht, Rechnung, "
                        "Brief)? Antworte mit einem Wort."],
                       ["Verschlagworte dieses Dokument mit einem von: Recht, Finanzen, Medizin, "
                        "Betrieb.\n\n{doc}"]),
        summarize_long=(["Fasse den folgenden Bericht zusammen.\n\n{doc}"],
                        ["Bitte schreibe eine Zusammenfassung dieses Dokuments mit allen "
                         "wesentlichen Ergebnissen.\n\n{doc}"]),
        briefing=(["Erstelle auf Basis dieses Dokuments ein strukturiertes Briefing für den "
                   "Vorstand mit Abschnitten zu Hintergrund, Ergebnissen, Risiken und "
                   "Empfehlungen.\n\n{doc}"],
                  ["Verfasse aus dem folgenden Material ein ausführliches Memo für die "
                   "Geschäftsführung, gegliedert mit klaren Überschriften.\n\n{doc}"]),
        compare_docs=(["Vergleiche die folgenden Angebote und empfiehl, welches wir nehmen "
                       "sollten.\n\n{docs}"],
                      ["Wäge die Vorschläge unten gegeneinander ab und sag mir, welcher das "
                       "beste Preis-Leistungs-Verhältnis hat und warum.\n\n{docs}"]),
        synthesize=(["Führe die Ergebnisse dieser Berichte zu einem Gesamtbild zusammen.\n\n"
                     "{docs}"],
                    ["Konsolidiere die Informationen aus den folgenden Quellen zu einer "
                     "stimmigen Analyse.\n\n{docs}"]),
        legal_risk=(["Bewerte die rechtlichen Risiken dieses Vertrags für uns als "
                     "Auftragnehmer.\n\n{doc}"],
                    ["Prüfe diese Police aus Sicht des Versicherungsnehmers: Welche Bedingungen "
                     "sind nachteilig und wie könnten wir nachverhandeln?\n\n{doc}"]),
        financial=(["Sollten wir auf Basis dieser Zahlen in {company} investieren? Begründe "
                    "deine Einschätzung.\n\n{doc}"],
                   ["Ist dieses Unternehmen nach den folgenden Zahlen gesund genug für eine "
                    "langfristige Partnerschaft? Begründe.\n\n{doc}"]),
        medical=(["Hier ist ein Laborbefund. Was könnte die Diagnose sein und welche "
                  "Behandlung kommt in Frage?\n\n{doc}"],
                 ["Welche Nachsorge würdest du anhand der folgenden Werte empfehlen, und welche "
                  "Risiken bestehen?\n\n{doc}"]),
        math=(["{problem} Löse Schritt für Schritt."],
              ["{problem} Zeige deinen Rechenweg."]),
        plan=(["Plane ein dreitägiges Teamevent in {city} für {n} Personen mit einem Budget von "
               "{total}; niemand darf länger als zwei Stunden anreisen, und wir brauchen einen "
               "ganzen Workshoptag."],
              ["Erarbeite einen Lieferfahrplan für {n} Bestellungen aus drei Lagern; jeder LKW "
               "fasst 20 Bestellungen und am Wochenende wird nicht gefahren."]),
        code=(["Schreibe eine Python-Funktion, die Rechnungsnummern aus OCR-Text ausliest und "
               "die Prüfziffer validiert, mit Unit-Tests."],
              ["Implementiere einen REST-Endpunkt in Go, der ein PDF hochlädt, speichert und "
               "seine ID zurückgibt, inklusive Fehlerbehandlung."]),
        longform=(["Schreibe einen Aufsatz mit 1500 Wörtern über {topic}."],
                  ["Verfasse einen ausführlichen Artikel (etwa 1200 Wörter) über {topic} für "
                   "unseren Newsletter."]),
        image=(["Beschreibe dieses Diagramm und erkläre den dargestellten Prozess."],
               ["Sieh dir den angehängten Scan an und sag mir, was an der Verkabelung falsch "
                "ist."]),
        agent=(["Finde alle Rechnungen, die mehr als 30 Tage überfällig sind, schicke jedem "
                "Kunden eine Zahlungserinnerung und trage die Erinnerungen im CRM ein."],
               ["Lege jeden neuen Vertrag aus dem Posteingang im Archiv ab, lies das "
                "Verlängerungsdatum aus und erstelle einen Kalendereintrag einen Monat vorher."]),
        extract_rank=(["Extrahiere alle Pflichten des Auftragnehmers aus diesem Vertrag und "
                       "ordne sie nach Risiko.\n\n{doc}"],
                      ["Zieh jeden Ausschluss aus dem folgenden Dokument heraus und sortiere "
                       "sie vom schwerwiegendsten zum harmlosesten.\n\n{doc}"]),
        translate_long=(["Übersetze diesen Vertrag ins {lang} und passe ihn an das dortige "
                         "Recht an.\n\n{doc}"],
                        ["Lokalisiere die folgende Police für den Markt: vollständig ins {lang} "
                         "übertragen und Verweise auf örtliche Vorschriften anpassen.\n\n{doc}"
                         ]),
    ),
)

FR = dict(
    first=["Camille", "Louis", "Chloé", "Hugo", "Manon", "Julien", "Léa", "Nicolas"],
    last=["Martin", "Bernard", "Dubois", "Lefèvre", "Moreau", "Laurent", "Girard", "Roux"],
    cities=["Paris", "Lyon", "Marseille", "Toulouse", "Nantes", "Lille"],
    companies=["Lumière SARL", "Transports Garnier SA", "Atelier Moreau", "Logiciels Azur SAS",
               "Imprimerie Dumas", "Fromagerie Vial"],
    date="{d}/{m}/{y}", months=None,
    money="{v} €", targets=["anglais", "allemand", "espagnol"],
    cats="facturation, support technique, ventes, autre",
    depts="comptabilité, juridique, RH, informatique",
    invoice="FACTURE N° {inv}\nDate : {date}\nClient : {company}\n{items}\nTotal HT : {net}\n"
            "TVA 20 % : {vat}\nTotal TTC : {total}\nÉchéance : {due}\nIBAN : {iban}",
    receipt="{company}\n{city}\nTicket n° {inv}  {date}\n{items}\nTOTAL {total}\nPayé par carte\n"
            "N° TVA FR{vatno}",
    item="{qty} x {product} à {price}",
    products=["chaises de bureau", "toner", "heures de conseil", "boîtes d'archives",
              "câbles USB", "sacoches"],
    email_a=["Madame {last}, veuillez trouver ci-joint le bon de livraison signé pour la "
             "commande {inv}. La marchandise est arrivée le {date} en bon état.",
             "Bonjour {first}, notre paiement de {total} a été rejeté par la banque hier. "
             "Pouvez-vous vérifier l'IBAN de votre dernière facture ?",
             "Bonjour à tous, l'imprimante du deuxième étage bourre depuis lundi et plus "
             "personne ne peut scanner les contrats.",
             "Madame, Monsieur, je souhaite commander 40 boîtes d'archives supplémentaires au "
             "prix convenu dans votre offre du {date}."],
    letter_b=["Monsieur {last}, nous vous confirmons que votre bail prend fin le {date}. La "
              "remise des clés aura lieu à notre agence de {city}.",
              "Chère cliente, votre cotisation d'assurance de {total} sera prélevée le {date}. "
              "Aucune démarche n'est nécessaire.",
              "Nous attestons que {first} {last} a travaillé chez {company} comme comptable "
              "jusqu'au {date}."],
    review_pos=["Livraison rapide et les chaises sont très confortables. Je recommande !",
                "Le support a résolu mon problème en une heure, service excellent."],
    review_neg=["Le toner est arrivé cassé et personne ne répond à la hotline. Très déçu.",
                "Troisième livraison en retard ce mois-ci, nous cherchons un autre fournisseur."],
    notes_a=["Réunion déplacée à jeudi 15 h. Apporter le projet de budget.",
             "Rappeler {first} au sujet de la facture manquante {inv}. Urgent."],
    notes_b=["Maintenance des serveurs samedi soir. Enregistrez tout avant 22 h.",
             "{first} est malade aujourd'hui ; l'audit commence demain à {city}."],
    typos="Merci de m'envoyé le raport anuel avant vendredi, les auditeurs atendent.",
    contract_title="CONTRAT DE PRESTATION DE SERVICES entre {company} (le Prestataire) et "
                   "{company2} (le Client), {city}, le {date}",
    policy_title="CONTRAT D'ASSURANCE HABITATION n° {inv}. Assuré : {first} {last}, {city}. "
                 "Prise d'effet le {date}.",
    report_title="RAPPORT TRIMESTRIEL D'ACTIVITÉ {y}, {company}. Rédigé par {first} {last}, le "
                 "{date}.",
    medical_title="COMPTE RENDU D'HOSPITALISATION, Patient : {first} {last}, né le {date}. "
                  "Service : médecine interne, {city}.",
    section="Article {n}",
    contract_a=["Le Prestataire fournit les services décrits à l'annexe {n} dans un délai de {d} "
                "jours ouvrés après chaque commande.",
                "Le Client règle chaque facture sous {d} jours ; tout retard entraîne des "
                "intérêts de {p} % au-dessus du taux légal.",
                "Chaque partie peut résilier le présent contrat moyennant un préavis écrit de {d} "
                "jours.",
                "La responsabilité totale du Prestataire est limitée à {total} par année "
                "contractuelle.",
                "Tous les documents remis restent la propriété du Client et doivent être "
                "restitués sur demande.",
                "Le Prestataire garde confidentielles les données du Client et les stocke "
                "uniquement dans des centres situés à {city}."],
    contract_b=["L'assureur couvre les dommages causés par l'incendie, la tempête et les dégâts "
                "des eaux jusqu'à {total}.",
                "Tout sinistre doit être déclaré dans les {d} jours, avec photos et "
                "justificatifs.",
                "La franchise s'élève à {total} par sinistre.",
                "Les objets de valeur ne sont couverts que s'ils sont conservés dans un coffre "
                "fermé.",
                "Le contrat est reconduit tacitement sauf résiliation {d} semaines avant "
                "l'échéance."],
    report_a=["Le chiffre d'affaires à {city} a progressé de {p} % par rapport au trimestre "
              "précédent.",
              "L'entrepôt a traité {n} commandes, dont {p} % en moins de 24 heures.",
              "Le taux de rotation du personnel est resté stable à {p} %.",
              "La nouvelle chaîne de numérisation a traité {n} boîtes d'archives en avance.",
              "Les coûts énergétiques ont baissé de {p} % après le remplacement du chauffage.",
              "Les réclamations sont tombées à {n}, surtout pour des retards de livraison."],
    report_b=["Le patient a été admis pour dyspnée et fièvre à 39 degrés.",
              "Le bilan biologique montrait un syndrome inflammatoire (CRP {n} mg/l).",
              "Une antibiothérapie intraveineuse a été débutée au jour {d}.",
              "La radiographie thoracique du jour {d} montrait une nette amélioration.",
              "Le patient a été mobilisé et est sorti dans un état stable."],
    lab="Hémoglobine {a} g/dl (réf. 12-16)\nCRP {b} mg/l (réf. < 5)\nCréatinine {c} mg/dl\n"
        "Traitement actuel : metformine 1000 mg deux fois par jour, ramipril 5 mg",
    fin="Chiffre d'affaires {a} M€ | EBITDA {b} M€ | Dette nette {c} M€ | Ratio de fonds "
        "propres {p} % | Créances en retard {d} jours",
    problems_a=["Une entreprise achète {a} ordinateurs portables à {p} € pièce, obtient une "
                "remise de {d} % puis paie 20 % de TVA sur le prix remisé. Combien paie-t-elle "
                "au total ?",
                "Deux scanners traitent {a} et {b} pages par heure. Combien de temps leur faut-il "
                "ensemble pour {c} pages si le second démarre 2 heures plus tard ?"],
    problems_b=["Un prêt de {a} € est remboursé en 12 mensualités égales à {d} % d'intérêt "
                "annuel. Quel est le montant de la mensualité ?",
                "Démontre que le produit de trois entiers consécutifs est divisible par 6."],
    topics=["la numérisation des archives publiques", "le télétravail et la protection des "
            "données", "l'histoire de la comptabilité en partie double"],
    TASKS=dict(
        detect_lang=(["En quelle langue ce texte est-il écrit ? Réponds uniquement avec le code "
                      "ISO.\n\n{text}"],
                     ["Quelle est la langue de ce texte ? Juste le nom de la langue.\n{text}"]),
        classify=(["Classe ce message dans l'une de ces catégories : {cats}. Réponds uniquement "
                   "par la catégorie.\n\n{text}"],
                  ["Attribue exactement une étiquette parmi [{cats}] au ticket suivant.\n{text}"
                   ]),
        sentiment=(["Le sentiment de cet avis est-il positif, négatif ou neutre ?\n\n{text}"],
                   ["Quelle est la tonalité de ce retour client : positif, négatif ou neutre ? "
                    "Un mot.\n{text}"]),
        extract_short=(["Extrais le numéro de facture, le montant total et la date d'échéance "
                        "de cette facture au format JSON.\n\n{doc}"],
                       ["Donne-moi seulement le numéro et la date du ticket ci-dessous.\n{doc}"]
                       ),
        extract_long=(["Extrais du contrat suivant les noms des parties.\n\n{doc}",
                       "{doc}\n\nÀ quelle date ce contrat prend-il effet ? Réponds uniquement "
                       "par la date."],
                      ["Trouve le numéro de contrat dans ce document et renvoie uniquement le "
                       "numéro.\n\n{doc}"]),
        yes_no=(["Cette facture contient-elle un IBAN ? Réponds par oui ou non.\n\n{doc}"],
                ["Vérifie si le ticket suivant indique un numéro de TVA. Oui/non seulement.\n"
                 "{doc}"]),
        keywords=(["Donne cinq mots-clés pour cet e-mail.\n\n{text}"],
                  ["{text}\n\nPropose un objet pour ce message (8 mots maximum)."]),
        short_factual=(["{text}\n\nQuand la marchandise est-elle arrivée ?"],
                       ["Lis la lettre et dis-moi quelle date y est mentionnée.\n{text}"]),
        reformat=(["Convertis cette liste en JSON avec les champs nom et montant :\n\n{list}"],
                  ["Mets les lignes suivantes sous forme de tableau markdown à deux colonnes.\n"
                   "{list}"]),
        translate_short=(["Traduis en {lang} :\n\n{text}"],
                         ["Comment dit-on cela en {lang} ? « {text} »"]),
        route_email=(["Quel service doit traiter cet e-mail : {depts} ? Réponds en un mot.\n\n"
                      "{text}"],
                     ["À transmettre à la comptabilité, au juridique, aux RH ou à "
                      "l'informatique ? Choisis-en un.\n{text}"]),
        summarize_short=(["Résume cette note en cinq mots : {note}"],
                         ["De quoi parle ce message de deux lignes ? En moins de 10 mots.\n"
                          "{note}"]),
        classify_long=(["Classe le document suivant : contrat, rapport, police ou autre.\n\n{doc}",
                       "{doc}\n\nDe quel type de document s'agit-il (contrat, rapport, "
                        "facture, lettre) ? Réponds en un mot."],
                       ["Étiquette ce document avec l'un de : juridique, finance, médical, "
                        "exploitation.\n\n{doc}"]),
        summarize_long=(["Résume le rapport suivant.\n\n{doc}"],
                        ["Rédige une synthèse de ce document reprenant tous les principaux "
                         "résultats.\n\n{doc}"]),
        briefing=(["Prépare pour le conseil d'administration une note structurée à partir de "
                   "ce document, avec des sections contexte, constats, risques et "
                   "recommandations.\n\n{doc}"],
                  ["Élabore une note de direction complète à partir des éléments ci-dessous, "
                   "organisée avec des titres clairs.\n\n{doc}"]),
        compare_docs=(["Compare les offres suivantes et recommande celle que nous devrions "
                       "choisir.\n\n{docs}"],
                      ["Mets en balance les propositions ci-dessous et dis-moi laquelle offre "
                       "le meilleur rapport qualité-prix, et pourquoi.\n\n{docs}"]),
        synthesize=(["Fais la synthèse des conclusions de ces rapports en une vue d'ensemble."
                     "\n\n{docs}"],
                    ["Regroupe les informations des sources suivantes en une analyse cohérente."
                     "\n\n{docs}"]),
        legal_risk=(["Évalue les risques juridiques de ce contrat pour nous en tant que "
                     "prestataire.\n\n{doc}"],
                    ["Examine ce contrat du point de vue de l'assuré : quelles clauses sont "
                     "défavorables et comment les renégocier ?\n\n{doc}"]),
        financial=(["Au vu de ces chiffres, devrions-nous investir dans {company} ? Justifie ton "
                    "raisonnement.\n\n{doc}"],
                   ["D'après les chiffres ci-dessous, cette entreprise est-elle assez solide "
                    "pour un partenariat durable ? Argumente.\n\n{doc}"]),
        medical=(["Voici un bilan biologique. Quel pourrait être le diagnostic et quels "
                  "traitements envisager ?\n\n{doc}"],
                 ["Au vu des résultats ci-dessous, quel suivi conseillerais-tu et quels sont "
                  "les risques ?\n\n{doc}"]),
        math=(["{problem} Résous étape par étape."],
              ["{problem} Montre ton raisonnement."]),
        plan=(["Planifie un séminaire d'équipe de trois jours à {city} pour {n} personnes avec "
               "un budget de {total} ; personne ne doit voyager plus de deux heures et il faut "
               "une journée complète d'atelier."],
              ["Établis une feuille de route de livraison pour {n} commandes réparties sur trois "
               "entrepôts ; chaque camion transporte 20 commandes et on ne roule pas le "
               "week-end."]),
        code=(["Écris une fonction Python qui extrait les numéros de facture d'un texte OCR et "
               "valide la clé de contrôle, avec des tests unitaires."],
              ["Implémente en Go un endpoint REST qui téléverse un PDF, le stocke et renvoie son "
               "identifiant, avec gestion des erreurs."]),
        longform=(["Écris une dissertation de 1500 mots sur {topic}."],
                  ["Rédige un article détaillé (environ 1200 mots) sur {topic} pour notre "
                   "newsletter."]),
        image=(["Décris ce diagramme et explique le processus qu'il représente."],
               ["Regarde le scan joint et dis-moi ce qui ne va pas dans le câblage."]),
        agent=(["Trouve toutes les factures en retard de plus de 30 jours, envoie une relance à "
                "chaque client puis enregistre les relances dans le CRM."],
               ["Pour chaque nouveau contrat reçu, classe-le dans l'archive, relève la date de "
                "renouvellement et crée un rappel dans l'agenda un mois avant."]),
        extract_rank=(["Extrais toutes les obligations du prestataire de ce contrat et classe-"
                       "les par risque.\n\n{doc}"],
                      ["Relève chaque exclusion du document ci-dessous et ordonne-les de la plus "
                       "grave à la moins grave pour l'assuré.\n\n{doc}"]),
        translate_long=(["Traduis ce contrat en {lang} et adapte-le au droit local.\n\n{doc}"],
                        ["Localise le contrat suivant : traduis-le intégralement en {lang} et "
                         "adapte les références à la réglementation locale.\n\n{doc}"]),
    ),
)

ES = dict(
    first=["Lucía", "Javier", "María", "Pablo", "Carmen", "Diego", "Elena", "Sergio"],
    last=["García", "Fernández", "López", "Martínez", "Sánchez", "Pérez", "Gómez", "Ruiz"],
    cities=["Madrid", "Barcelona", "Valencia", "Sevilla", "Bilbao", "Zaragoza"],
    companies=["Soluciones Iberia SL", "Transportes Ruiz SA", "Papelera del Norte SL",
               "Software Mediterráneo SL", "Imprenta Castilla", "Alimentos Sierra SA"],
    date="{d}/{m}/{y}", months=None,
    money="{v} €", targets=["inglés", "alemán", "francés"],
    cats="facturación, soporte técnico, ventas, otros",
    depts="contabilidad, legal, recursos humanos, informática",
    invoice="FACTURA N.º {inv}\nFecha: {date}\nCliente: {company}\n{items}\nBase imponible: {net}"
            "\nIVA 21 %: {vat}\nTotal: {total}\nVencimiento: {due}\nIBAN: {iban}",
    receipt="{company}\n{city}\nTicket n.º {inv}  {date}\n{items}\nTOTAL {total}\nPagado con "
            "tarjeta\nNIF ES{vatno}",
    item="{qty} x {product} a {price}",
    products=["sillas de oficina", "tóner", "horas de consultoría", "cajas de archivo",
              "cables USB", "fundas de portátil"],
    email_a=["Estimada Sra. {last}, le adjunto el albarán firmado del pedido {inv}. La mercancía "
             "llegó el {date} en buen estado.",
             "Hola {first}, el banco rechazó ayer nuestro pago de {total}. ¿Puede comprobar el "
             "IBAN de su última factura?",
             "Hola a todos, la impresora de la segunda planta se atasca desde el lunes y nadie "
             "puede escanear contratos.",
             "Estimados señores, quisiera pedir 40 cajas de archivo más al precio acordado en su "
             "oferta del {date}."],
    letter_b=["Estimado Sr. {last}, le confirmamos que su contrato de alquiler finaliza el "
              "{date}. La entrega de llaves será en nuestra oficina de {city}.",
              "Estimada clienta, su prima de seguro de {total} se cargará el {date}. No tiene "
              "que hacer nada.",
              "Certificamos que {first} {last} trabajó en {company} como contable hasta el "
              "{date}."],
    review_pos=["Entrega rápida y las sillas son muy cómodas. ¡Repetiré!",
                "El soporte resolvió mi problema en una hora, servicio excelente."],
    review_neg=["El tóner llegó roto y nadie contesta en la línea de atención. Muy "
                "decepcionado.",
                "Tercera entrega tardía este mes, buscamos otro proveedor."],
    notes_a=["Reunión cambiada al jueves a las 15 h. Traed el borrador del presupuesto.",
             "Llamar a {first} por la factura {inv} que falta. Urgente."],
    notes_b=["Mantenimiento de servidores el sábado por la noche. Guardad todo antes de las 22 "
             "h.",
             "{first} está de baja hoy; la auditoría empieza mañana en {city}."],
    typos="Por favor enviame el informe anaul antes del biernes, los auditores estan "
          "esperando.",
    contract_title="CONTRATO DE PRESTACIÓN DE SERVICIOS entre {company} (el Proveedor) y "
                   "{company2} (el Cliente), {city}, {date}",
    policy_title="PÓLIZA DE SEGURO DE HOGAR n.º {inv}. Tomador: {first} {last}, {city}. "
                 "Efecto: {date}.",
    report_title="INFORME TRIMESTRAL DE OPERACIONES {y}, {company}. Elaborado por {first} "
                 "{last}, {date}.",
    medical_title="INFORME DE ALTA, Paciente: {first} {last}, nacido el {date}. Servicio: "
                  "medicina interna, {city}.",
    section="Cláusula {n}",
    contract_a=["El Proveedor prestará los servicios descritos en el Anexo {n} en un plazo de "
                "{d} días hábiles desde cada pedido.",
                "El Cliente pagará cada factura en {d} días; los retrasos devengarán intereses "
                "del {p} % sobre el tipo legal.",
                "Cualquiera de las partes podrá resolver este contrato con un preaviso escrito "
                "de {d} días.",
                "La responsabilidad total del Proveedor se limita a {total} por año "
                "contractual.",
                "Toda la documentación entregada sigue siendo propiedad del Cliente y deberá "
                "devolverse a petición.",
                "El Proveedor tratará los datos del Cliente de forma confidencial y solo los "
                "almacenará en centros de datos de {city}."],
    contract_b=["La aseguradora cubre los daños por incendio, tormenta y agua hasta {total}.",
                "Los siniestros deben comunicarse en {d} días, con fotos y justificantes.",
                "La franquicia asciende a {total} por siniestro.",
                "Los objetos de valor solo están cubiertos si se guardan en una caja fuerte "
                "cerrada.",
                "La póliza se renueva automáticamente salvo que se cancele {d} semanas antes "
                "del vencimiento."],
    report_a=["Las ventas en {city} crecieron un {p} % respecto al trimestre anterior.",
              "El almacén gestionó {n} pedidos, el {p} % en menos de 24 horas.",
              "La rotación de personal se mantuvo estable en el {p} %.",
              "La nueva línea de escaneo digitalizó {n} cajas de archivo antes de lo previsto.",
              "Los costes de energía bajaron un {p} % tras cambiar la calefacción.",
              "Las reclamaciones bajaron a {n}, sobre todo por retrasos en las entregas."],
    report_b=["El paciente ingresó por disnea y fiebre de 39 grados.",
              "La analítica mostró reactantes de fase aguda elevados (PCR {n} mg/l).",
              "El día {d} se inició antibioterapia intravenosa.",
              "La radiografía de tórax del día {d} mostró una clara mejoría.",
              "El paciente fue movilizado y dado de alta en situación estable."],
    lab="Hemoglobina {a} g/dl (ref. 12-16)\nPCR {b} mg/l (ref. < 5)\nCreatinina {c} mg/dl\n"
        "Medicación actual: metformina 1000 mg dos veces al día, ramipril 5 mg",
    fin="Ingresos {a} M€ | EBITDA {b} M€ | Deuda neta {c} M€ | Ratio de fondos propios {p} % | "
        "Cobros vencidos {d} días",
    problems_a=["Una empresa compra {a} portátiles a {p} € cada uno, obtiene un descuento del "
                "{d} % y paga un 21 % de IVA sobre el precio rebajado. ¿Cuánto paga en total?",
                "Dos escáneres procesan {a} y {b} páginas por hora. ¿Cuánto tardan juntos en "
                "{c} páginas si el segundo empieza 2 horas más tarde?"],
    problems_b=["Un préstamo de {a} € se devuelve en 12 cuotas mensuales iguales al {d} % de "
                "interés anual. ¿Cuál es la cuota mensual?",
                "Demuestra que el producto de tres enteros consecutivos es divisible por 6."],
    topics=["la digitalización de los archivos públicos", "el teletrabajo y la protección de "
            "datos", "la historia de la contabilidad por partida doble"],
    TASKS=dict(
        detect_lang=(["¿En qué idioma está escrito el siguiente texto? Responde solo con el "
                      "código ISO.\n\n{text}"],
                     ["¿Qué idioma es este? Solo el nombre del idioma, por favor.\n{text}"]),
        classify=(["Clasifica este mensaje en una de estas categorías: {cats}. Responde solo "
                   "con la categoría.\n\n{text}"],
                  ["Asigna exactamente una etiqueta de [{cats}] al siguiente ticket.\n{text}"]),
        sentiment=(["¿El sentimiento de esta reseña es positivo, negativo o neutro?\n\n{text}"],
                   ["¿Qué tono tiene este comentario de cliente: positivo, negativo o neutro? "
                    "Una palabra.\n{text}"]),
        extract_short=(["Extrae el número de factura, el importe total y la fecha de "
                        "vencimiento de esta factura en JSON.\n\n{doc}"],
                       ["Dame solo el número y la fecha del ticket de abajo.\n{doc}"]),
        extract_long=(["Extrae del siguiente contrato los nombres de las partes.\n\n{doc}",
                       "{doc}\n\n¿Desde qué fecha rige este contrato? Responde solo con la "
                       "fecha."],
                      ["Encuentra el número de póliza en este documento y devuelve solo el "
                       "número.\n\n{doc}"]),
        yes_no=(["¿Contiene esta factura un IBAN? Responde sí o no.\n\n{doc}"],
                ["Comprueba si el siguiente ticket indica un NIF. Solo sí/no.\n{doc}"]),
        keywords=(["Da cinco palabras clave para este correo.\n\n{text}"],
                  ["{text}\n\nEscribe un asunto para este mensaje (máx. 8 palabras)."]),
        short_factual=(["{text}\n\n¿Cuándo llegó la mercancía?"],
                       ["Lee la carta y dime qué fecha se menciona.\n{text}"]),
        reformat=(["Convierte esta lista en JSON con los campos nombre e importe:\n\n{list}"],
                  ["Pasa las siguientes líneas a una tabla markdown de dos columnas.\n{list}"]),
        translate_short=(["Traduce al {lang}:\n\n{text}"],
                         ["¿Cómo se dice esto en {lang}? «{text}»"]),
        route_email=(["¿Qué departamento debe gestionar este correo: {depts}? Responde con una "
                      "palabra.\n\n{text}"],
                     ["¿Reenviar a contabilidad, legal, recursos humanos o informática? Elige "
                      "uno.\n{text}"]),
        summarize_short=(["Resume esta nota en cinco palabras: {note}"],
                         ["¿De qué trata este mensaje de dos líneas? En menos de 10 palabras.\n"
                          "{note}"]),
        classify_long=(["Clasifica el siguiente documento como contrato, informe, póliza u otro.\n\n{doc}",
                       "{doc}\n\n¿Qué tipo de documento es este (contrato, informe, factura, "
                        "carta)? Responde con una palabra."],
                       ["Etiqueta este documento con uno de: legal, finanzas, médico, "
                        "operaciones.\n\n{doc}"]),
        summarize_long=(["Resume el siguiente informe.\n\n{doc}"],
                        ["Redacta un resumen de este documento con todas las conclusiones "
                         "principales.\n\n{doc}"]),
        briefing=(["Prepara para el consejo un briefing estructurado a partir de este "
                   "documento, con secciones de contexto, hallazgos, riesgos y "
                   "recomendaciones.\n\n{doc}"],
                  ["Elabora un memorando completo para la dirección a partir del material de "
                   "abajo, organizado con encabezados claros.\n\n{doc}"]),
        compare_docs=(["Compara las siguientes ofertas y recomienda cuál deberíamos elegir."
                       "\n\n{docs}"],
                      ["Sopesa las propuestas de abajo entre sí y dime cuál tiene la mejor "
                       "relación calidad-precio y por qué.\n\n{docs}"]),
        synthesize=(["Sintetiza las conclusiones de estos informes en una visión de conjunto."
                     "\n\n{docs}"],
                    ["Consolida la información de las siguientes fuentes en un único análisis "
                     "coherente.\n\n{docs}"]),
        legal_risk=(["Evalúa los riesgos jurídicos de este contrato para nosotros como "
                     "proveedor.\n\n{doc}"],
                    ["Revisa esta póliza desde el punto de vista del tomador: ¿qué condiciones "
                     "son desfavorables y cómo podríamos renegociarlas?\n\n{doc}"]),
        financial=(["Con estas cifras, ¿deberíamos invertir en {company}? Explica tu "
                    "razonamiento.\n\n{doc}"],
                   ["Según las cifras de abajo, ¿es esta empresa lo bastante sólida para una "
                    "colaboración a largo plazo? Justifica.\n\n{doc}"]),
        medical=(["Aquí tienes una analítica. ¿Cuál podría ser el diagnóstico y qué "
                  "tratamientos habría que considerar?\n\n{doc}"],
                 ["A la vista de los resultados, ¿qué seguimiento aconsejarías y qué riesgos "
                  "hay?\n\n{doc}"]),
        math=(["{problem} Resuelve paso a paso."],
              ["{problem} Muestra tu razonamiento."]),
        plan=(["Planifica un encuentro de equipo de tres días en {city} para {n} personas con un "
               "presupuesto de {total}; nadie puede viajar más de dos horas y necesitamos un "
               "día completo de taller."],
              ["Diseña una hoja de ruta de entregas para {n} pedidos desde tres almacenes; cada "
               "camión lleva 20 pedidos y no se conduce los fines de semana."]),
        code=(["Escribe una función en Python que extraiga números de factura de un texto OCR y "
               "valide el dígito de control, con pruebas unitarias."],
              ["Implementa en Go un endpoint REST que suba un PDF, lo guarde y devuelva su ID, "
               "con gestión de errores."]),
        longform=(["Escribe un ensayo de 1500 palabras sobre {topic}."],
                  ["Redacta un artículo detallado (unas 1200 palabras) sobre {topic} para "
                   "nuestro boletín."]),
        image=(["Describe este diagrama y explica el proceso que muestra."],
               ["Mira el escaneo adjunto y dime qué está mal en el cableado."]),
        agent=(["Busca todas las facturas con más de 30 días de retraso, envía a cada cliente "
                "un recordatorio y registra los recordatorios en el CRM."],
               ["Para cada contrato nuevo de la bandeja de entrada, archívalo, lee la fecha de "
                "renovación y crea un recordatorio en el calendario un mes antes."]),
        extract_rank=(["Extrae todas las obligaciones del proveedor de este contrato y "
                       "ordénalas por riesgo.\n\n{doc}"],
                      ["Saca cada exclusión del documento de abajo y colócalas de la más grave "
                       "a la menos grave para el tomador.\n\n{doc}"]),
        translate_long=(["Traduce este contrato al {lang} y adáptalo a la legislación local."
                         "\n\n{doc}"],
                        ["Localiza la siguiente póliza: tradúcela íntegramente al {lang} y "
                         "adapta las referencias a la normativa local.\n\n{doc}"]),
    ),
)
