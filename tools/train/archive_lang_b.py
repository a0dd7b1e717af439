"""Text banks for the archive set: Italian, Dutch, Portuguese, Polish (see archive_lang_a)."""

IT = dict(
    first=["Giulia", "Marco", "Francesca", "Luca", "Chiara", "Andrea", "Sara", "Matteo"],
    last=["Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci"],
    cities=["Milano", "Roma", "Torino", "Bologna", "Firenze", "Napoli"],
    companies=["Luce Srl", "Trasporti Ricci SpA", "Cartiera Alpina Srl", "Software Adriatico Srl",
               "Tipografia Lombarda", "Alimentari Colombo SpA"],
    date="{d}/{m}/{y}", months=None,
    money="€ {v}", targets=["inglese", "tedesco", "francese"],
    cats="fatturazione, supporto tecnico, vendite, altro",
    depts="contabilità, ufficio legale, risorse umane, IT",
    invoice="FATTURA N. {inv}\nData: {date}\nCliente: {company}\n{items}\nImponibile: {net}\n"
            "IVA 22%: {vat}\nTotale: {total}\nScadenza: {due}\nIBAN: {iban}",
    receipt="{company}\n{city}\nScontrino n. {inv}  {date}\n{items}\nTOTALE {total}\nPagato con "
            "carta\nP.IVA IT{vatno}",
    item="{qty} x {product} a {price}",
    products=["sedie da ufficio", "toner", "ore di consulenza", "scatole d'archivio",
              "cavi USB", "borse per portatile"],
    email_a=["Gentile Sig.ra {last}, in allegato trova il documento di trasporto firmato per "
             "l'ordine {inv}. La merce è arrivata il {date} in buone condizioni.",
             "Ciao {first}, ieri la banca ha respinto il nostro pagamento di {total}. Puoi "
             "controllare l'IBAN sull'ultima fattura?",
             "Ciao a tutti, la stampante del secondo piano si inceppa da lunedì e nessuno riesce "
             "più a scansionare i contratti.",
             "Spettabile ditta, vorrei ordinare altre 40 scatole d'archivio al prezzo concordato "
             "nella vostra offerta del {date}."],
    letter_b=["Gentile Sig. {last}, le confermiamo che il suo contratto di locazione termina il "
              "{date}. La consegna delle chiavi avverrà presso il nostro ufficio di {city}.",
              "Gentile cliente, il premio assicurativo di {total} verrà addebitato il {date}. "
              "Non deve fare nulla.",
              "Si attesta che {first} {last} ha lavorato presso {company} come contabile fino "
              "al {date}."],
    review_pos=["Consegna veloce e le sedie sono comodissime. Ricomprerò!",
                "L'assistenza ha risolto il mio problema in un'ora, servizio eccellente."],
    review_neg=["Il toner è arrivato rotto e al numero verde non risponde nessuno. Molto "
                "deluso.",
                "Terza consegna in ritardo questo mese, cerchiamo un altro fornitore."],
    notes_a=["Riunione spostata a giovedì alle 15. Portare la bozza di budget.",
             "Richiamare {first} per la fattura {inv} mancante. Urgente."],
    notes_b=["Manutenzione dei server sabato sera. Salvate tutto prima delle 22.",
             "{first} è in malattia oggi; l'audit inizia domani a {city}."],
    typos="Per favore mandami la relazone anuale entro venerdi, i revisori aspetano.",
    contract_title="CONTRATTO DI SERVIZI tra {company} (il Fornitore) e {company2} (il "
                   "Cliente), {city}, {date}",
    policy_title="POLIZZA ASSICURATIVA CASA n. {inv}. Contraente: {first} {last}, {city}. "
                 "Decorrenza {date}.",
    report_title="RELAZIONE TRIMESTRALE OPERATIVA {y}, {company}. Redatta da {first} {last}, "
                 "{date}.",
    medical_title="LETTERA DI DIMISSIONE, Paziente: {first} {last}, nato il {date}. Reparto: "
                  "medicina interna, {city}.",
    section="Articolo {n}",
    contract_a=["Il Fornitore eroga i servizi descritti nell'Allegato {n} entro {d} giorni "
                "lavorativi da ogni ordine.",
                "Il Cliente paga ogni fattura entro {d} giorni; i ritardi comportano interessi "
                "del {p}% oltre il tasso legale.",
                "Ciascuna parte può recedere dal presente contratto con preavviso scritto di {d} "
                "giorni.",
                "La responsabilità complessiva del Fornitore è limitata a {total} per anno "
                "contrattuale.",
                "Tutti i documenti consegnati restano di proprietà del Cliente e vanno "
                "restituiti su richiesta.",
                "Il Fornitore tratta i dati del Cliente in modo riservato e li conserva solo in "
                "data center situati a {city}."],
    contract_b=["L'assicuratore copre i danni da incendio, tempesta e acqua condotta fino a "
                "{total}.",
                "I sinistri vanno denunciati entro {d} giorni, con foto e ricevute.",
                "La franchigia ammonta a {total} per sinistro.",
                "I preziosi sono coperti solo se custoditi in una cassaforte chiusa.",
                "La polizza si rinnova tacitamente salvo disdetta {d} settimane prima della "
                "scadenza."],
    report_a=["Il fatturato a {city} è cresciuto del {p}% rispetto al trimestre precedente.",
              "Il magazzino ha gestito {n} ordini, il {p}% entro 24 ore.",
              "Il turnover del personale è rimasto stabile al {p}%.",
              "La nuova linea di scansione ha digitalizzato {n} scatole d'archivio in anticipo.",
              "I costi energetici sono scesi del {p}% dopo la sostituzione della caldaia.",
              "I reclami sono scesi a {n}, soprattutto per ritardi nelle consegne."],
    report_b=["Il paziente è stato ricoverato per dispnea e febbre a 39 gradi.",
              "Gli esami mostravano indici di infiammazione elevati (PCR {n} mg/l).",
              "Al giorno {d} è stata avviata una terapia antibiotica endovenosa.",
              "La radiografia del torace al giorno {d} mostrava un netto miglioramento.",
              "Il paziente è stato mobilizzato e dimesso in condizioni stabili."],
    lab="Emoglobina {a} g/dl (rif. 12-16)\nPCR {b} mg/l (rif. < 5)\nCreatinina {c} mg/dl\n"
        "Terapia in corso: metformina 1000 mg due volte al giorno, ramipril 5 mg",
    fin="Ricavi {a} mln € | EBITDA {b} mln € | Debito netto {c} mln € | Patrimonio/attivo {p}% "
        "| Crediti scaduti {d} giorni",
    problems_a=["Un'azienda compra {a} portatili a {p} € l'uno, ottiene uno sconto del {d}% e "
                "paga il 22% di IVA sul prezzo scontato. Quanto paga in totale?",
                "Due scanner elaborano {a} e {b} pagine l'ora. Quanto ci mettono insieme per {c} "
                "pagine se il secondo parte 2 ore dopo?"],
    problems_b=["Un prestito di {a} € si rimborsa in 12 rate mensili uguali al {d}% annuo. "
                "Quanto vale la rata mensile?",
                "Dimostra che il prodotto di tre interi consecutivi è divisibile per 6."],
    topics=["la digitalizzazione degli archivi pubblici", "lo smart working e la protezione dei "
            "dati", "la storia della partita doppia"],
    TASKS=dict(
        detect_lang=(["In che lingua è scritto il testo seguente? Rispondi solo con il codice "
                      "ISO.\n\n{text}"],
                     ["Che lingua è questa? Solo il nome della lingua, per favore.\n{text}"]),
        classify=(["Classifica questo messaggio in una di queste categorie: {cats}. Rispondi "
                   "solo con la categoria.\n\n{text}"],
                  ["Assegna esattamente un'etichetta tra [{cats}] al ticket seguente.\n{text}"]),
        sentiment=(["Il sentimento di questa recensione è positivo, negativo o neutro?\n\n"
                    "{text}"],
                   ["Che tono ha questo feedback del cliente: positivo, negativo o neutro? Una "
                    "parola.\n{text}"]),
        extract_short=(["Estrai numero di fattura, importo totale e data di scadenza da questa "
                        "fattura in formato JSON.\n\n{doc}"],
                       ["Dammi solo il numero e la data dello scontrino qui sotto.\n{doc}"]),
        extract_long=(["Estrai dal contratto seguente i nomi delle parti.\n\n{doc}",
                       "{doc}\n\nDa che data decorre questo contratto? Rispondi solo con la "
                       "data."],
                      ["Trova il numero di polizza in questo documento e restituisci solo il "
                       "numero.\n\n{doc}"]),
        yes_no=(["Questa fattura contiene un IBAN? Rispondi sì o no.\n\n{doc}"],
                ["Controlla se lo scontrino seguente riporta una partita IVA. Solo sì/no.\n"
                 "{doc}"]),
        keywords=(["Indica cinque parole chiave per questa email.\n\n{text}"],
                  ["{text}\n\nScrivi un oggetto per questo messaggio (max 8 parole)."]),
        short_factual=(["{text}\n\nQuando è arrivata la merce?"],
                       ["Leggi la lettera e dimmi quale data vi è citata.\n{text}"]),
        reformat=(["Converti questa lista in JSON con i campi nome e importo:\n\n{list}"],
                  ["Trasforma le righe seguenti in una tabella markdown a due colonne.\n{list}"]
                  ),
        translate_short=(["Traduci in {lang}:\n\n{text}"],
                         ["Come si dice questo in {lang}? «{text}»"]),
        route_email=(["Quale reparto deve gestire questa email: {depts}? Rispondi con una "
                      "parola.\n\n{text}"],
                     ["Inoltrare a contabilità, ufficio legale, risorse umane o IT? Scegline "
                      "uno.\n{text}"]),
        summarize_short=(["Riassumi questa nota in cinque parole: {note}"],
                         ["Di cosa parla questo messaggio di due righe? In meno di 10 parole.\n"
                          "{note}"]),
        classify_long=(["Classifica il documento seguente come contratto, relazione, polizza o altro.\n\n{doc}",
                       "{doc}\n\nChe tipo di documento è (contratto, relazione, fattura, "
                        "lettera)? Rispondi con una parola."],
                       ["Etichetta questo documento con uno tra: legale, finanza, medico, "
                        "operativo.\n\n{doc}"]),
        summarize_long=(["Riassumi la relazione seguente.\n\n{doc}"],
                        ["Scrivi una sintesi di questo documento con tutti i risultati "
                         "principali.\n\n{doc}"]),
        briefing=(["Prepara per il consiglio un briefing strutturato basato su questo "
                   "documento, con sezioni su contesto, risultati, rischi e raccomandazioni."
                   "\n\n{doc}"],
                  ["Redigi un promemoria completo per la direzione a partire dal materiale qui "
                   "sotto, organizzato con titoli chiari.\n\n{doc}"]),
        compare_docs=(["Confronta le offerte seguenti e consiglia quale dovremmo scegliere."
                       "\n\n{docs}"],
                      ["Metti a confronto le proposte qui sotto e dimmi quale offre il miglior "
                       "rapporto qualità-prezzo e perché.\n\n{docs}"]),
        synthesize=(["Sintetizza i risultati di queste relazioni in un quadro complessivo.\n\n"
                     "{docs}"],
                    ["Consolida le informazioni delle fonti seguenti in un'unica analisi "
                     "coerente.\n\n{docs}"]),
        legal_risk=(["Valuta i rischi legali di questo contratto per noi come fornitore.\n\n"
                     "{doc}"],
                    ["Esamina questa polizza dal punto di vista del contraente: quali condizioni "
                     "sono sfavorevoli e come potremmo rinegoziarle?\n\n{doc}"]),
        financial=(["In base a queste cifre, dovremmo investire in {company}? Spiega il tuo "
                    "ragionamento.\n\n{doc}"],
                   ["Dai dati qui sotto, questa azienda è abbastanza solida per una "
                    "collaborazione a lungo termine? Motiva.\n\n{doc}"]),
        medical=(["Ecco un referto di laboratorio. Quale potrebbe essere la diagnosi e quali "
                  "trattamenti andrebbero considerati?\n\n{doc}"],
                 ["Alla luce dei risultati, quale follow-up consiglieresti e quali sono i "
                  "rischi?\n\n{doc}"]),
        math=(["{problem} Risolvi passo dopo passo."],
              ["{problem} Mostra i passaggi."]),
        plan=(["Pianifica un ritiro aziendale di tre giorni a {city} per {n} persone con un "
               "budget di {total}; nessuno deve viaggiare più di due ore e serve un'intera "
               "giornata di workshop."],
              ["Elabora una tabella di marcia delle consegne per {n} ordini da tre magazzini; "
               "ogni camion porta 20 ordini e nel fine settimana non si guida."]),
        code=(["Scrivi una funzione Python che estragga i numeri di fattura da un testo OCR e "
               "verifichi la cifra di controllo, con test unitari."],
              ["Implementa in Go un endpoint REST che carichi un PDF, lo salvi e restituisca il "
               "suo ID, con gestione degli errori."]),
        longform=(["Scrivi un saggio di 1500 parole su {topic}."],
                  ["Redigi un articolo dettagliato (circa 1200 parole) su {topic} per la nostra "
                   "newsletter."]),
        image=(["Descrivi questo diagramma e spiega il processo che mostra."],
               ["Guarda la scansione allegata e dimmi cosa non va nel cablaggio."]),
        agent=(["Trova tutte le fatture scadute da più di 30 giorni, invia a ogni cliente un "
                "sollecito e registra i solleciti nel CRM."],
               ["Per ogni nuovo contratto in arrivo, archivialo, leggi la data di rinnovo e crea "
                "un promemoria in calendario un mese prima."]),
        extract_rank=(["Estrai tutti gli obblighi del fornitore da questo contratto e ordinali "
                       "per rischio.\n\n{doc}"],
                      ["Individua ogni esclusione nel documento qui sotto e mettile in ordine "
                       "dalla più grave alla meno grave per il contraente.\n\n{doc}"]),
        translate_long=(["Traduci questo contratto in {lang} e adattalo alla legge locale.\n\n"
                         "{doc}"],
                        ["Localizza la polizza seguente: traducila integralmente in {lang} e "
                         "adatta i riferimenti alla normativa locale.\n\n{doc}"]),
    ),
)

NL = dict(
    first=["Sanne", "Daan", "Eva", "Bram", "Lotte", "Thijs", "Femke", "Ruben"],
    last=["de Jong", "Jansen", "de Vries", "van Dijk", "Bakker", "Visser", "Smit", "Meijer"],
    cities=["Amsterdam", "Rotterdam", "Utrecht", "Eindhoven", "Groningen", "Gent"],
    companies=["Noorderlicht BV", "Transport Visser BV", "Papierfabriek Oost",
               "Software Delta BV", "Drukkerij Smit", "Voeding Meijer BV"],
    date="{d}-{m}-{y}", months=None,
    money="€ {v}", targets=["Engels", "Duits", "Frans"],
    cats="facturatie, technische ondersteuning, verkoop, overig",
    depts="boekhouding, juridische zaken, HR, IT",
    invoice="FACTUUR nr. {inv}\nFactuurdatum: {date}\nKlant: {company}\n{items}\n"
            "Subtotaal: {net}\nBTW 21%: {vat}\nTotaal: {total}\nVervaldatum: {due}\nIBAN: {iban}",
    receipt="{company}\n{city}\nBon nr. {inv}  {date}\n{items}\nTOTAAL {total}\nBetaald met pin\n"
            "BTW-nr. NL{vatno}",
    item="{qty} x {product} à {price}",
    products=["bureaustoelen", "toner", "adviesuren", "archiefdozen", "USB-kabels",
              "laptoptassen"],
    email_a=["Geachte mevrouw {last}, in de bijlage vindt u de ondertekende pakbon voor "
             "bestelling {inv}. De goederen zijn op {date} in goede staat aangekomen.",
             "Hoi {first}, onze betaling van {total} is gisteren door de bank geweigerd. Kun je "
             "het IBAN op je laatste factuur controleren?",
             "Hoi allemaal, de printer op de tweede verdieping loopt sinds maandag steeds vast en "
             "niemand kan nog contracten scannen.",
             "Geachte heer, mevrouw, ik wil graag 40 extra archiefdozen bestellen tegen de prijs "
             "uit uw offerte van {date}."],
    letter_b=["Geachte heer {last}, hierbij bevestigen wij dat uw huurovereenkomst eindigt op "
              "{date}. De sleuteloverdracht vindt plaats op ons kantoor in {city}.",
              "Beste klant, uw verzekeringspremie van {total} wordt op {date} afgeschreven. U "
              "hoeft niets te doen.",
              "Wij verklaren dat {first} {last} tot {date} als boekhouder bij {company} werkzaam "
              "was."],
    review_pos=["Snelle levering en de stoelen zitten heel comfortabel. Zeker een aanrader!",
                "De helpdesk loste mijn probleem binnen een uur op, top service."],
    review_neg=["De toner kwam kapot aan en niemand neemt de telefoon op. Erg teleurgesteld.",
                "Al de derde te late levering deze maand, we zoeken een andere leverancier."],
    notes_a=["Overleg verplaatst naar donderdag 15.00 uur. Conceptbegroting meenemen.",
             "{first} terugbellen over de ontbrekende factuur {inv}. Dringend."],
    notes_b=["Serveronderhoud zaterdagavond. Sla alles op voor 22.00 uur.",
             "{first} is vandaag ziek; de audit begint morgen in {city}."],
    typos="Stuur me aub het jaarverslg voor vrijdag, de acountants wachten.",
    contract_title="DIENSTVERLENINGSOVEREENKOMST tussen {company} (Leverancier) en {company2} "
                   "(Opdrachtgever), {city}, {date}",
    policy_title="INBOEDELVERZEKERING polis {inv}. Verzekeringnemer: {first} {last}, {city}. "
                 "Ingangsdatum {date}.",
    report_title="KWARTAALRAPPORTAGE BEDRIJFSVOERING {y}, {company}. Opgesteld door {first} "
                 "{last}, {date}.",
    medical_title="ONTSLAGBRIEF, Patiënt: {first} {last}, geboren {date}. Afdeling: interne "
                  "geneeskunde, {city}.",
    section="Artikel {n}",
    contract_a=["De Leverancier levert de in Bijlage {n} beschreven diensten binnen {d} "
                "werkdagen na elke bestelling.",
                "De Opdrachtgever betaalt elke factuur binnen {d} dagen; bij te late betaling is "
                "{p}% rente boven de wettelijke rente verschuldigd.",
                "Elke partij kan deze overeenkomst met een schriftelijke opzegtermijn van {d} "
                "dagen beëindigen.",
                "De totale aansprakelijkheid van de Leverancier is beperkt tot {total} per "
                "contractjaar.",
                "Alle overhandigde documenten blijven eigendom van de Opdrachtgever en worden op "
                "verzoek teruggegeven.",
                "De Leverancier behandelt alle klantgegevens vertrouwelijk en slaat ze alleen op "
                "in datacenters in {city}."],
    contract_b=["De verzekeraar vergoedt schade door brand, storm en waterschade tot {total}.",
                "Schade moet binnen {d} dagen worden gemeld, met foto's en bonnen.",
                "Het eigen risico bedraagt {total} per schadegeval.",
                "Kostbaarheden zijn alleen verzekerd als ze in een afgesloten kluis liggen.",
                "De polis wordt stilzwijgend verlengd tenzij {d} weken voor afloop opgezegd."],
    report_a=["De omzet in {city} steeg met {p}% ten opzichte van het vorige kwartaal.",
              "Het magazijn verwerkte {n} orders, waarvan {p}% binnen 24 uur.",
              "Het personeelsverloop bleef stabiel op {p}%.",
              "De nieuwe scanstraat digitaliseerde {n} archiefdozen voor op schema.",
              "De energiekosten daalden met {p}% na vervanging van de verwarming.",
              "Het aantal klachten daalde naar {n}, vooral over late leveringen."],
    report_b=["De patiënt werd opgenomen met kortademigheid en koorts van 39 graden.",
              "Het bloedonderzoek liet verhoogde ontstekingswaarden zien (CRP {n} mg/l).",
              "Op dag {d} werd gestart met intraveneuze antibiotica.",
              "De thoraxfoto op dag {d} toonde een duidelijke verbetering.",
              "De patiënt werd gemobiliseerd en in stabiele toestand ontslagen."],
    lab="Hemoglobine {a} g/dl (ref. 12-16)\nCRP {b} mg/l (ref. < 5)\nKreatinine {c} mg/dl\n"
        "Huidige medicatie: metformine 1000 mg tweemaal daags, ramipril 5 mg",
    fin="Omzet {a} mln | EBITDA {b} mln | Netto schuld {c} mln | Solvabiliteit {p}% | "
        "Achterstallige debiteuren {d} dagen",
    problems_a=["Een bedrijf koopt {a} laptops van {p} euro per stuk, krijgt {d}% korting en "
                "betaalt 21% btw over de afgeprijsde prijs. Hoeveel betaalt het in totaal?",
                "Twee scanners verwerken {a} en {b} pagina's per uur. Hoe lang doen ze samen "
                "over {c} pagina's als de tweede 2 uur later begint?"],
    problems_b=["Een lening van {a} euro wordt in 12 gelijke maandtermijnen afgelost tegen {d}% "
                "rente per jaar. Hoe hoog is de maandtermijn?",
                "Bewijs dat het product van drie opeenvolgende gehele getallen deelbaar is door "
                "6."],
    topics=["de digitalisering van openbare archieven", "thuiswerken en privacy",
            "de geschiedenis van het dubbel boekhouden"],
    TASKS=dict(
        detect_lang=(["In welke taal is de volgende tekst geschreven? Antwoord alleen met de "
                      "ISO-code.\n\n{text}"],
                     ["Welke taal is dit? Alleen de naam van de taal graag.\n{text}"]),
        classify=(["Deel dit bericht in bij een van deze categorieën: {cats}. Antwoord alleen "
                   "met de categorie.\n\n{text}"],
                  ["Geef het volgende ticket precies één label uit [{cats}].\n{text}"]),
        sentiment=(["Is het sentiment van deze recensie positief, negatief of neutraal?\n\n"
                    "{text}"],
                   ["Welke toon heeft deze klantfeedback: positief, negatief of neutraal? Eén "
                    "woord.\n{text}"]),
        extract_short=(["Haal het factuurnummer, het totaalbedrag en de vervaldatum uit deze "
                        "factuur als JSON.\n\n{doc}"],
                       ["Geef me alleen het bonnummer en de datum van de bon hieronder.\n{doc}"]
                       ),
        extract_long=(["Haal uit het volgende contract de namen van de partijen.\n\n{doc}",
                       "{doc}\n\nVanaf welke datum geldt deze overeenkomst? Antwoord alleen met "
                       "de datum."],
                      ["Zoek het polisnummer in dit document en geef alleen het nummer terug."
                       "\n\n{doc}"]),
        yes_no=(["Bevat deze factuur een IBAN? Antwoord met ja of nee.\n\n{doc}"],
                ["Controleer of op de volgende bon een btw-nummer staat. Alleen ja/nee.\n{doc}"
                 ]),
        keywords=(["Noem vijf trefwoorden voor deze e-mail.\n\n{text}"],
                  ["{text}\n\nBedenk een onderwerpregel voor dit bericht (max. 8 woorden)."]),
        short_factual=(["{text}\n\nWanneer zijn de goederen aangekomen?"],
                       ["Lees de brief en zeg me welke datum erin genoemd wordt.\n{text}"]),
        reformat=(["Zet deze lijst om naar JSON met de velden naam en bedrag:\n\n{list}"],
                  ["Maak van de volgende regels een markdown-tabel met twee kolommen.\n{list}"]),
        translate_short=(["Vertaal naar het {lang}:\n\n{text}"],
                         ["Hoe zeg je dit in het {lang}? \"{text}\""]),
        route_email=(["Welke afdeling moet deze e-mail behandelen: {depts}? Antwoord met één "
                      "woord.\n\n{text}"],
                     ["Doorsturen naar boekhouding, juridische zaken, HR of IT? Kies er één.\n"
                      "{text}"]),
        summarize_short=(["Vat deze notitie samen in vijf woorden: {note}"],
                         ["Waar gaat dit bericht van twee regels over? In minder dan 10 "
                          "woorden.\n{note}"]),
        classify_long=(["Classificeer het volgende document als contract, rapport, polis of overig.\n\n{doc}",
                       "{doc}\n\nWat voor document is dit (contract, rapport, factuur, "
                        "brief)? Antwoord met één woord."],
                       ["Label dit document met een van: juridisch, financieel, medisch, "
                        "operationeel.\n\n{doc}"]),
        summarize_long=(["Vat het volgende rapport samen.\n\n{doc}"],
                        ["Schrijf een samenvatting van dit document met alle belangrijke "
                         "bevindingen.\n\n{doc}"]),
        briefing=(["Stel op basis van dit document een gestructureerde briefing op voor de "
                   "directie, met secties over achtergrond, bevindingen, risico's en "
                   "aanbevelingen.\n\n{doc}"],
                  ["Maak van het onderstaande materiaal een uitgebreide memo voor het "
                   "management, ingedeeld met duidelijke kopjes.\n\n{doc}"]),
        compare_docs=(["Vergelijk de volgende offertes en adviseer welke we moeten kiezen.\n\n"
                       "{docs}"],
                      ["Zet de voorstellen hieronder tegen elkaar af en zeg welke de beste prijs-"
                       "kwaliteitverhouding heeft en waarom.\n\n{docs}"]),
        synthesize=(["Breng de bevindingen uit deze rapporten samen in één overkoepelend "
                     "overzicht.\n\n{docs}"],
                    ["Consolideer de informatie uit de volgende bronnen tot één samenhangende "
                     "analyse.\n\n{docs}"]),
        legal_risk=(["Beoordeel de juridische risico's van dit contract voor ons als "
                     "leverancier.\n\n{doc}"],
                    ["Bekijk deze polis vanuit de verzekeringnemer: welke voorwaarden zijn "
                     "nadelig en hoe kunnen we heronderhandelen?\n\n{doc}"]),
        financial=(["Moeten we op basis van deze cijfers investeren in {company}? Leg je "
                    "redenering uit.\n\n{doc}"],
                   ["Is dit bedrijf volgens de cijfers hieronder gezond genoeg voor een "
                    "langdurige samenwerking? Onderbouw.\n\n{doc}"]),
        medical=(["Hier is een labuitslag. Wat zou de diagnose kunnen zijn en welke behandeling "
                  "komt in aanmerking?\n\n{doc}"],
                 ["Welke nazorg zou je op basis van de uitslagen adviseren, en wat zijn de "
                  "risico's?\n\n{doc}"]),
        math=(["{problem} Los stap voor stap op."],
              ["{problem} Laat je berekening zien."]),
        plan=(["Plan een driedaagse teamuitje in {city} voor {n} personen met een budget van "
               "{total}; niemand mag langer dan twee uur reizen en we hebben een volle "
               "workshopdag nodig."],
              ["Werk een leverschema uit voor {n} orders vanuit drie magazijnen; elke "
               "vrachtwagen neemt 20 orders mee en in het weekend wordt niet gereden."]),
        code=(["Schrijf een Python-functie die factuurnummers uit OCR-tekst haalt en het "
               "controlecijfer valideert, met unit tests."],
              ["Implementeer in Go een REST-endpoint dat een pdf uploadt, opslaat en het ID "
               "teruggeeft, inclusief foutafhandeling."]),
        longform=(["Schrijf een essay van 1500 woorden over {topic}."],
                  ["Stel een uitgebreid artikel op (ongeveer 1200 woorden) over {topic} voor "
                   "onze nieuwsbrief."]),
        image=(["Beschrijf dit diagram en leg het proces uit dat het laat zien."],
               ["Bekijk de bijgevoegde scan en vertel me wat er mis is met de bedrading."]),
        agent=(["Zoek alle facturen die meer dan 30 dagen te laat zijn, stuur elke klant een "
                "herinnering en leg de herinneringen vast in het CRM."],
               ["Archiveer elk nieuw contract uit de inbox, lees de verlengingsdatum uit en maak "
                "een agendaherinnering een maand daarvoor."]),
        extract_rank=(["Haal alle verplichtingen van de leverancier uit dit contract en "
                       "rangschik ze op risico.\n\n{doc}"],
                      ["Zoek elke uitsluiting in het document hieronder en zet ze in volgorde "
                       "van zwaarst naar lichtst voor de verzekeringnemer.\n\n{doc}"]),
        translate_long=(["Vertaal dit contract naar het {lang} en pas het aan het lokale recht "
                         "aan.\n\n{doc}"],
                        ["Lokaliseer de volgende polis: volledig vertalen naar het {lang} en de "
                         "verwijzingen naar lokale regelgeving aanpassen.\n\n{doc}"]),
    ),
)

PT = dict(
    first=["Beatriz", "João", "Mariana", "Tiago", "Inês", "Rafael", "Ana", "Pedro"],
    last=["Silva", "Santos", "Ferreira", "Pereira", "Oliveira", "Costa", "Rodrigues",
          "Almeida"],
    cities=["Lisboa", "Porto", "Coimbra", "Braga", "São Paulo", "Faro"],
    companies=["Luz Lda", "Transportes Costa SA", "Papelaria Atlântica Lda",
               "Software Tejo Lda", "Gráfica Douro", "Alimentos Serra SA"],
    date="{d}/{m}/{y}", months=None,
    money="{v} €", targets=["inglês", "alemão", "espanhol"],
    cats="faturação, suporte técnico, vendas, outros",
    depts="contabilidade, jurídico, recursos humanos, informática",
    invoice="FATURA N.º {inv}\nData: {date}\nCliente: {company}\n{items}\nValor sem IVA: {net}\n"
            "IVA 23%: {vat}\nTotal: {total}\nVencimento: {due}\nIBAN: {iban}",
    receipt="{company}\n{city}\nTalão n.º {inv}  {date}\n{items}\nTOTAL {total}\nPago com cartão"
            "\nNIF PT{vatno}",
    item="{qty} x {product} a {price}",
    products=["cadeiras de escritório", "toner", "horas de consultoria", "caixas de arquivo",
              "cabos USB", "mochilas para portátil"],
    email_a=["Cara Sra. {last}, segue em anexo a guia de remessa assinada da encomenda {inv}. A "
             "mercadoria chegou a {date} em bom estado.",
             "Olá {first}, o banco recusou ontem o nosso pagamento de {total}. Pode verificar o "
             "IBAN da sua última fatura?",
             "Olá a todos, a impressora do segundo andar encrava desde segunda-feira e ninguém "
             "consegue digitalizar contratos.",
             "Exmos. Senhores, gostaria de encomendar mais 40 caixas de arquivo ao preço "
             "acordado na vossa proposta de {date}."],
    letter_b=["Caro Sr. {last}, confirmamos que o seu contrato de arrendamento termina a {date}. "
              "A entrega das chaves será no nosso escritório de {city}.",
              "Cara cliente, o prémio do seu seguro de {total} será debitado a {date}. Não "
              "precisa de fazer nada.",
              "Declaramos que {first} {last} trabalhou na {company} como contabilista até "
              "{date}."],
    review_pos=["Entrega rápida e as cadeiras são muito confortáveis. Voltarei a comprar!",
                "O suporte resolveu o meu problema numa hora, serviço excelente."],
    review_neg=["O toner chegou partido e ninguém atende a linha de apoio. Muito desiludido.",
                "Terceira entrega atrasada este mês, estamos à procura de outro fornecedor."],
    notes_a=["Reunião passou para quinta às 15h. Tragam o rascunho do orçamento.",
             "Ligar ao {first} sobre a fatura {inv} em falta. Urgente."],
    notes_b=["Manutenção dos servidores sábado à noite. Guardem tudo antes das 22h.",
             "{first} está doente hoje; a auditoria começa amanhã em {city}."],
    typos="Por favor envia-me o relatorio anaul ate sexta, os auditores estao a esperar.",
    contract_title="CONTRATO DE PRESTAÇÃO DE SERVIÇOS entre {company} (o Prestador) e "
                   "{company2} (o Cliente), {city}, {date}",
    policy_title="APÓLICE DE SEGURO MULTIRRISCOS HABITAÇÃO n.º {inv}. Tomador: {first} {last}, "
                 "{city}. Início: {date}.",
    report_title="RELATÓRIO TRIMESTRAL DE OPERAÇÕES {y}, {company}. Elaborado por {first} "
                 "{last}, {date}.",
    medical_title="NOTA DE ALTA, Doente: {first} {last}, nascido a {date}. Serviço: medicina "
                  "interna, {city}.",
    section="Cláusula {n}",
    contract_a=["O Prestador presta os serviços descritos no Anexo {n} no prazo de {d} dias "
                "úteis após cada encomenda.",
                "O Cliente paga cada fatura no prazo de {d} dias; os atrasos vencem juros de {p}% "
                "acima da taxa legal.",
                "Qualquer das partes pode denunciar este contrato mediante pré-aviso escrito de "
                "{d} dias.",
                "A responsabilidade total do Prestador está limitada a {total} por ano "
                "contratual.",
                "Todos os documentos entregues continuam a ser propriedade do Cliente e devem ser "
                "devolvidos a pedido.",
                "O Prestador trata os dados do Cliente de forma confidencial e guarda-os apenas "
                "em centros de dados em {city}."],
    contract_b=["A seguradora cobre danos por incêndio, tempestade e inundação até {total}.",
                "Os sinistros devem ser participados em {d} dias, com fotografias e recibos.",
                "A franquia é de {total} por sinistro.",
                "Os objetos de valor só estão cobertos se guardados num cofre fechado.",
                "A apólice renova-se automaticamente salvo denúncia {d} semanas antes do termo."],
    report_a=["As vendas em {city} cresceram {p}% face ao trimestre anterior.",
              "O armazém processou {n} encomendas, {p}% delas em menos de 24 horas.",
              "A rotatividade do pessoal manteve-se estável em {p}%.",
              "A nova linha de digitalização tratou {n} caixas de arquivo antes do prazo.",
              "Os custos de energia baixaram {p}% após a substituição do aquecimento.",
              "As reclamações desceram para {n}, sobretudo por atrasos nas entregas."],
    report_b=["O doente foi internado por dispneia e febre de 39 graus.",
              "As análises mostraram parâmetros inflamatórios elevados (PCR {n} mg/l).",
              "No dia {d} iniciou antibioterapia endovenosa.",
              "A radiografia do tórax no dia {d} mostrou melhoria clara.",
              "O doente foi mobilizado e teve alta em situação estável."],
    lab="Hemoglobina {a} g/dl (ref. 12-16)\nPCR {b} mg/l (ref. < 5)\nCreatinina {c} mg/dl\n"
        "Medicação atual: metformina 1000 mg duas vezes ao dia, ramipril 5 mg",
    fin="Receitas {a} M€ | EBITDA {b} M€ | Dívida líquida {c} M€ | Autonomia financeira {p}% | "
        "Créditos vencidos {d} dias",
    problems_a=["Uma empresa compra {a} portáteis a {p} € cada, recebe um desconto de {d}% e "
                "paga 23% de IVA sobre o preço com desconto. Quanto paga no total?",
                "Dois digitalizadores processam {a} e {b} páginas por hora. Quanto tempo levam "
                "juntos para {c} páginas se o segundo começar 2 horas depois?"],
    problems_b=["Um empréstimo de {a} € é pago em 12 prestações mensais iguais a {d}% de juro "
                "anual. Qual é a prestação mensal?",
                "Demonstre que o produto de três inteiros consecutivos é divisível por 6."],
    topics=["a digitalização dos arquivos públicos", "o teletrabalho e a proteção de dados",
            "a história da contabilidade por partidas dobradas"],
    TASKS=dict(
        detect_lang=(["Em que língua está escrito o texto seguinte? Responda apenas com o "
                      "código ISO.\n\n{text}"],
                     ["Que idioma é este? Só o nome do idioma, por favor.\n{text}"]),
        classify=(["Classifique esta mensagem numa destas categorias: {cats}. Responda apenas "
                   "com a categoria.\n\n{text}"],
                  ["Atribua exatamente uma etiqueta de [{cats}] ao ticket seguinte.\n{text}"]),
        sentiment=(["O sentimento desta avaliação é positivo, negativo ou neutro?\n\n{text}"],
                   ["Que tom tem este comentário do cliente: positivo, negativo ou neutro? Uma "
                    "palavra.\n{text}"]),
        extract_short=(["Extraia o número da fatura, o valor total e a data de vencimento desta "
                        "fatura em JSON.\n\n{doc}"],
                       ["Dê-me só o número e a data do talão abaixo.\n{doc}"]),
        extract_long=(["Extraia do contrato seguinte os nomes das partes.\n\n{doc}",
                       "{doc}\n\nA partir de que data vigora este contrato? Responda apenas com "
                       "a data."],
                      ["Encontre o número da apólice neste documento e devolva apenas o número."
                       "\n\n{doc}"]),
        yes_no=(["Esta fatura contém um IBAN? Responda sim ou não.\n\n{doc}"],
                ["Verifique se o talão seguinte indica um NIF. Só sim/não.\n{doc}"]),
        keywords=(["Indique cinco palavras-chave para este email.\n\n{text}"],
                  ["{text}\n\nEscreva um assunto para esta mensagem (máx. 8 palavras)."]),
        short_factual=(["{text}\n\nQuando chegou a mercadoria?"],
                       ["Leia a carta e diga-me que data é mencionada.\n{text}"]),
        reformat=(["Converta esta lista em JSON com os campos nome e valor:\n\n{list}"],
                  ["Passe as linhas seguintes para uma tabela markdown com duas colunas.\n"
                   "{list}"]),
        translate_short=(["Traduza para {lang}:\n\n{text}"],
                         ["Como se diz isto em {lang}? \"{text}\""]),
        route_email=(["Que departamento deve tratar este email: {depts}? Responda com uma "
                      "palavra.\n\n{text}"],
                     ["Encaminhar para contabilidade, jurídico, recursos humanos ou "
                      "informática? Escolha um.\n{text}"]),
        summarize_short=(["Resuma esta nota em cinco palavras: {note}"],
                         ["Do que trata esta mensagem de duas linhas? Em menos de 10 palavras."
                          "\n{note}"]),
        classify_long=(["Classifique o documento seguinte como contrato, relatório, apólice ou outro.\n\n{doc}",
                       "{doc}\n\nQue tipo de documento é este (contrato, relatório, fatura, "
                        "carta)? Responda com uma palavra."],
                       ["Etiquete este documento com um de: jurídico, finanças, médico, "
                        "operações.\n\n{doc}"]),
        summarize_long=(["Resuma o relatório seguinte.\n\n{doc}"],
                        ["Escreva um resumo deste documento com todas as conclusões principais."
                         "\n\n{doc}"]),
        briefing=(["Prepare para a administração um briefing estruturado com base neste "
                   "documento, com secções de contexto, conclusões, riscos e recomendações."
                   "\n\n{doc}"],
                  ["Elabore um memorando completo para a direção a partir do material abaixo, "
                   "organizado com títulos claros.\n\n{doc}"]),
        compare_docs=(["Compare as propostas seguintes e recomende qual devemos escolher.\n\n"
                       "{docs}"],
                      ["Pese as propostas abaixo umas contra as outras e diga-me qual tem a "
                       "melhor relação qualidade-preço e porquê.\n\n{docs}"]),
        synthesize=(["Sintetize as conclusões destes relatórios numa visão de conjunto.\n\n"
                     "{docs}"],
                    ["Consolide a informação das fontes seguintes numa única análise coerente."
                     "\n\n{docs}"]),
        legal_risk=(["Avalie os riscos jurídicos deste contrato para nós enquanto prestador."
                     "\n\n{doc}"],
                    ["Analise esta apólice do ponto de vista do tomador: que condições são "
                     "desfavoráveis e como as poderíamos renegociar?\n\n{doc}"]),
        financial=(["Com base nestes números, devemos investir na {company}? Explique o seu "
                    "raciocínio.\n\n{doc}"],
                   ["Pelos números abaixo, esta empresa é sólida o suficiente para uma parceria "
                    "de longo prazo? Justifique.\n\n{doc}"]),
        medical=(["Aqui estão umas análises. Qual poderá ser o diagnóstico e que tratamentos "
                  "devem ser considerados?\n\n{doc}"],
                 ["Com base nos resultados abaixo, que acompanhamento aconselharia e quais são "
                  "os riscos?\n\n{doc}"]),
        math=(["{problem} Resolva passo a passo."],
              ["{problem} Mostre os passos."]),
        plan=(["Planeie um retiro de equipa de três dias em {city} para {n} pessoas com um "
               "orçamento de {total}; ninguém pode viajar mais de duas horas e precisamos de um "
               "dia inteiro de workshop."],
              ["Elabore um roteiro de entregas para {n} encomendas de três armazéns; cada camião "
               "leva 20 encomendas e não se conduz ao fim de semana."]),
        code=(["Escreva uma função em Python que extraia números de fatura de texto OCR e valide "
               "o dígito de controlo, com testes unitários."],
              ["Implemente em Go um endpoint REST que carregue um PDF, o guarde e devolva o seu "
               "ID, com tratamento de erros."]),
        longform=(["Escreva um ensaio de 1500 palavras sobre {topic}."],
                  ["Redija um artigo detalhado (cerca de 1200 palavras) sobre {topic} para a "
                   "nossa newsletter."]),
        image=(["Descreva este diagrama e explique o processo que mostra."],
               ["Veja a digitalização em anexo e diga-me o que está errado na cablagem."]),
        agent=(["Encontre todas as faturas com mais de 30 dias de atraso, envie a cada cliente "
                "um lembrete e registe os lembretes no CRM."],
               ["Para cada contrato novo na caixa de entrada, arquive-o, leia a data de "
                "renovação e crie um lembrete no calendário um mês antes."]),
        extract_rank=(["Extraia todas as obrigações do prestador deste contrato e ordene-as por "
                       "risco.\n\n{doc}"],
                      ["Retire cada exclusão do documento abaixo e coloque-as da mais grave para "
                       "a menos grave para o tomador.\n\n{doc}"]),
        translate_long=(["Traduza este contrato para {lang} e adapte-o à lei local.\n\n{doc}"],
                        ["Localize a apólice seguinte: traduza-a integralmente para {lang} e "
                         "adapte as referências à regulamentação local.\n\n{doc}"]),
    ),
)

PL = dict(
    first=["Anna", "Piotr", "Katarzyna", "Tomasz", "Magdalena", "Paweł", "Agnieszka", "Marcin"],
    last=["Nowak", "Kowalski", "Wiśniewska", "Wójcik", "Kamińska", "Lewandowski", "Zielińska",
          "Szymański"],
    cities=["Warszawa", "Kraków", "Wrocław", "Poznań", "Gdańsk", "Łódź"],
    companies=["Światło Sp. z o.o.", "Transport Nowak S.A.", "Papiernia Mazury Sp. z o.o.",
               "Software Wisła Sp. z o.o.", "Drukarnia Kraków", "Żywność Zielińscy S.A."],
    date="{d}.{m}.{y}", months=None,
    money="{v} zł", targets=["angielski", "niemiecki", "francuski"],
    cats="faktury, wsparcie techniczne, sprzedaż, inne",
    depts="księgowość, dział prawny, kadry, IT",
    invoice="FAKTURA VAT nr {inv}\nData wystawienia: {date}\nNabywca: {company}\n{items}\n"
            "Wartość netto: {net}\nVAT 23%: {vat}\nDo zapłaty: {total}\nTermin płatności: {due}\n"
            "IBAN: {iban}",
    receipt="{company}\n{city}\nParagon nr {inv}  {date}\n{items}\nSUMA {total}\nZapłacono kartą\n"
            "NIP PL{vatno}",
    item="{qty} x {product} po {price}",
    products=["krzesła biurowe", "toner", "godziny doradztwa", "pudła archiwizacyjne",
              "kable USB", "torby na laptopa"],
    email_a=["Szanowna Pani {last}, w załączniku przesyłam podpisany dokument dostawy do "
             "zamówienia {inv}. Towar dotarł {date} w dobrym stanie.",
             "Cześć {first}, bank wczoraj odrzucił naszą płatność na kwotę {total}. Czy możesz "
             "sprawdzić IBAN na ostatniej fakturze?",
             "Cześć wszystkim, drukarka na drugim piętrze od poniedziałku ciągle się zacina i nikt "
             "nie może skanować umów.",
             "Szanowni Państwo, chciałbym zamówić 40 dodatkowych pudeł archiwizacyjnych w cenie "
             "z Państwa oferty z dnia {date}."],
    letter_b=["Szanowny Panie {last}, potwierdzamy, że umowa najmu kończy się {date}. Przekazanie "
              "kluczy odbędzie się w naszym biurze w mieście {city}.",
              "Szanowna Klientko, składka ubezpieczeniowa w wysokości {total} zostanie pobrana "
              "{date}. Nie musi Pani nic robić.",
              "Zaświadczamy, że {first} {last} pracowała w {company} jako księgowa do {date}."],
    review_pos=["Szybka dostawa, a krzesła są bardzo wygodne. Polecam!",
                "Wsparcie rozwiązało mój problem w godzinę, świetna obsługa."],
    review_neg=["Toner przyszedł uszkodzony i nikt nie odbiera infolinii. Bardzo rozczarowany.",
                "Już trzecia spóźniona dostawa w tym miesiącu, szukamy innego dostawcy."],
    notes_a=["Spotkanie przeniesione na czwartek na 15:00. Przynieść projekt budżetu.",
             "Oddzwonić do {first} w sprawie brakującej faktury {inv}. Pilne."],
    notes_b=["Konserwacja serwerów w sobotę wieczorem. Zapiszcie wszystko przed 22:00.",
             "{first} jest dziś na zwolnieniu; audyt zaczyna się jutro w mieście {city}."],
    typos="Prosze wyslij mi raport roczy do piatku, audytorzy czekja.",
    contract_title="UMOWA O ŚWIADCZENIE USŁUG zawarta pomiędzy {company} (Wykonawca) a "
                   "{company2} (Zamawiający), {city}, {date}",
    policy_title="POLISA UBEZPIECZENIA MIESZKANIA nr {inv}. Ubezpieczający: {first} {last}, "
                 "{city}. Początek ochrony: {date}.",
    report_title="KWARTALNY RAPORT OPERACYJNY {y}, {company}. Sporządził(a): {first} {last}, "
                 "{date}.",
    medical_title="KARTA INFORMACYJNA LECZENIA SZPITALNEGO, Pacjent: {first} {last}, ur. {date}. "
                  "Oddział: chorób wewnętrznych, {city}.",
    section="§ {n}",
    contract_a=["Wykonawca świadczy usługi opisane w Załączniku nr {n} w terminie {d} dni "
                "roboczych od każdego zamówienia.",
                "Zamawiający płaci każdą fakturę w terminie {d} dni; za opóźnienie naliczane są "
                "odsetki w wysokości {p}% ponad stopę ustawową.",
                "Każda ze stron może wypowiedzieć niniejszą umowę z zachowaniem {d}-dniowego "
                "okresu wypowiedzenia.",
                "Łączna odpowiedzialność Wykonawcy jest ograniczona do kwoty {total} w każdym "
                "roku umowy.",
                "Wszystkie przekazane dokumenty pozostają własnością Zamawiającego i podlegają "
                "zwrotowi na żądanie.",
                "Wykonawca zachowuje poufność danych Zamawiającego i przechowuje je wyłącznie w "
                "centrach danych w mieście {city}."],
    contract_b=["Ubezpieczyciel pokrywa szkody spowodowane pożarem, wichurą i zalaniem do kwoty "
                "{total}.",
                "Szkodę należy zgłosić w ciągu {d} dni, wraz ze zdjęciami i rachunkami.",
                "Udział własny wynosi {total} za każdą szkodę.",
                "Kosztowności są objęte ochroną tylko wtedy, gdy przechowuje się je w zamkniętym "
                "sejfie.",
                "Polisa odnawia się automatycznie, chyba że zostanie wypowiedziana {d} tygodni "
                "przed końcem okresu."],
    report_a=["Przychody w mieście {city} wzrosły o {p}% w porównaniu z poprzednim kwartałem.",
              "Magazyn obsłużył {n} zamówień, z czego {p}% w ciągu 24 godzin.",
              "Rotacja pracowników utrzymała się na stabilnym poziomie {p}%.",
              "Nowa linia skanująca zdigitalizowała {n} pudeł archiwalnych przed terminem.",
              "Koszty energii spadły o {p}% po wymianie ogrzewania.",
              "Liczba reklamacji spadła do {n}, głównie z powodu opóźnionych dostaw."],
    report_b=["Pacjent został przyjęty z powodu duszności i gorączki 39 stopni.",
              "Badania wykazały podwyższone parametry zapalne (CRP {n} mg/l).",
              "W dniu {d} rozpoczęto antybiotykoterapię dożylną.",
              "RTG klatki piersiowej w dniu {d} wykazało wyraźną poprawę.",
              "Pacjent został uruchomiony i wypisany w stanie stabilnym."],
    lab="Hemoglobina {a} g/dl (norma 12-16)\nCRP {b} mg/l (norma < 5)\nKreatynina {c} mg/dl\n"
        "Obecne leki: metformina 1000 mg dwa razy dziennie, ramipryl 5 mg",
    fin="Przychody {a} mln zł | EBITDA {b} mln zł | Dług netto {c} mln zł | Wskaźnik kapitału "
        "własnego {p}% | Przeterminowane należności {d} dni",
    problems_a=["Firma kupuje {a} laptopów po {p} zł za sztukę, dostaje {d}% rabatu i płaci 23% "
                "VAT od ceny po rabacie. Ile zapłaci łącznie?",
                "Dwa skanery przetwarzają {a} i {b} stron na godzinę. Ile czasu potrzebują razem "
                "na {c} stron, jeśli drugi zaczyna 2 godziny później?"],
    problems_b=["Kredyt w wysokości {a} zł jest spłacany w 12 równych ratach miesięcznych przy "
                "oprocentowaniu {d}% rocznie. Ile wynosi rata?",
                "Udowodnij, że iloczyn trzech kolejnych liczb całkowitych jest podzielny przez 6."],
    topics=["cyfryzacja archiwów publicznych", "praca zdalna a ochrona danych",
            "historia księgowości podwójnej"],
    TASKS=dict(
        detect_lang=(["W jakim języku napisany jest poniższy tekst? Odpowiedz tylko kodem ISO."
                      "\n\n{text}"],
                     ["Jaki to język? Proszę tylko nazwę języka.\n{text}"]),
        classify=(["Przypisz tę wiadomość do jednej z kategorii: {cats}. Odpowiedz tylko nazwą "
                   "kategorii.\n\n{text}"],
                  ["Nadaj poniższemu zgłoszeniu dokładnie jedną etykietę z [{cats}].\n{text}"]),
        sentiment=(["Czy wydźwięk tej opinii jest pozytywny, negatywny czy neutralny?\n\n"
                    "{text}"],
                   ["Jaki ton ma ta opinia klienta: pozytywny, negatywny czy neutralny? Jedno "
                    "słowo.\n{text}"]),
        extract_short=(["Wyodrębnij z tej faktury numer faktury, kwotę do zapłaty i termin "
                        "płatności w formacie JSON.\n\n{doc}"],
                       ["Podaj mi tylko numer i datę poniższego paragonu.\n{doc}"]),
        extract_long=(["Wyodrębnij z poniższej umowy nazwy stron.\n\n{doc}",
                       "{doc}\n\nOd kiedy obowiązuje ta umowa? Odpowiedz tylko datą."],
                      ["Znajdź numer polisy w tym dokumencie i zwróć wyłącznie numer.\n\n{doc}"]
                      ),
        yes_no=(["Czy ta faktura zawiera numer IBAN? Odpowiedz tak lub nie.\n\n{doc}"],
                ["Sprawdź, czy na poniższym paragonie jest NIP. Tylko tak/nie.\n{doc}"]),
        keywords=(["Podaj pięć słów kluczowych dla tego e-maila.\n\n{text}"],
                  ["{text}\n\nWymyśl temat tej wiadomości (maks. 8 słów)."]),
        short_factual=(["{text}\n\nKiedy dotarł towar?"],
                       ["Przeczytaj list i powiedz mi, jaka data jest w nim podana.\n{text}"]),
        reformat=(["Przekształć tę listę w JSON z polami nazwa i kwota:\n\n{list}"],
                  ["Zamień poniższe wiersze na tabelę markdown z dwiema kolumnami.\n{list}"]),
        translate_short=(["Przetłumacz na {lang}:\n\n{text}"],
                         ["Jak to powiedzieć po {lang}u? „{text}”"]),
        route_email=(["Który dział powinien zająć się tym e-mailem: {depts}? Odpowiedz jednym "
                      "słowem.\n\n{text}"],
                     ["Przekazać do księgowości, działu prawnego, kadr czy IT? Wybierz jeden.\n"
                      "{text}"]),
        summarize_short=(["Streść tę notatkę w pięciu słowach: {note}"],
                         ["O czym jest ta dwuwierszowa wiadomość? W mniej niż 10 słowach.\n"
                          "{note}"]),
        classify_long=(["Sklasyfikuj poniższy dokument jako umowę, raport, polisę lub inne.\n\n{doc}",
                       "{doc}\n\nJaki to rodzaj dokumentu (umowa, raport, faktura, list)? "
                        "Odpowiedz jednym słowem."],
                       ["Oznacz ten dokument jedną z etykiet: prawo, finanse, medycyna, "
                        "operacje.\n\n{doc}"]),
        summarize_long=(["Streść poniższy raport.\n\n{doc}"],
                        ["Napisz podsumowanie tego dokumentu obejmujące wszystkie główne "
                         "wnioski.\n\n{doc}"]),
        briefing=(["Przygotuj dla zarządu uporządkowany briefing na podstawie tego dokumentu, z "
                   "sekcjami: kontekst, ustalenia, ryzyka i rekomendacje.\n\n{doc}"],
                  ["Opracuj obszerną notatkę dla kierownictwa na podstawie poniższych "
                   "materiałów, z wyraźnymi nagłówkami.\n\n{doc}"]),
        compare_docs=(["Porównaj poniższe oferty i zarekomenduj, którą powinniśmy wybrać.\n\n"
                       "{docs}"],
                      ["Zestaw ze sobą poniższe propozycje i powiedz, która daje najlepszy "
                       "stosunek jakości do ceny i dlaczego.\n\n{docs}"]),
        synthesize=(["Połącz wnioski z tych raportów w jeden spójny obraz całości.\n\n{docs}"],
                    ["Skonsoliduj informacje z poniższych źródeł w jedną spójną analizę.\n\n"
                     "{docs}"]),
        legal_risk=(["Oceń ryzyka prawne tej umowy dla nas jako wykonawcy.\n\n{doc}"],
                    ["Przejrzyj tę polisę z perspektywy ubezpieczającego: które warunki są "
                     "niekorzystne i jak moglibyśmy je renegocjować?\n\n{doc}"]),
        financial=(["Czy na podstawie tych liczb powinniśmy zainwestować w {company}? Uzasadnij."
                    "\n\n{doc}"],
                   ["Czy według poniższych danych ta firma jest wystarczająco stabilna na "
                    "długoterminową współpracę? Uzasadnij odpowiedź.\n\n{doc}"]),
        medical=(["Oto wyniki badań laboratoryjnych. Jaka może być diagnoza i jakie leczenie "
                  "należy rozważyć?\n\n{doc}"],
                 ["Jaką dalszą opiekę doradziłbyś na podstawie poniższych wyników i jakie są "
                  "zagrożenia?\n\n{doc}"]),
        math=(["{problem} Rozwiąż krok po kroku."],
              ["{problem} Pokaż obliczenia."]),
        plan=(["Zaplanuj trzydniowy wyjazd zespołu do miasta {city} dla {n} osób z budżetem "
               "{total}; nikt nie może podróżować dłużej niż dwie godziny i potrzebujemy pełnego "
               "dnia warsztatów."],
              ["Opracuj harmonogram dostaw dla {n} zamówień z trzech magazynów; każda ciężarówka "
               "mieści 20 zamówień, a w weekendy się nie jeździ."]),
        code=(["Napisz funkcję w Pythonie, która wyciąga numery faktur z tekstu OCR i sprawdza "
               "cyfrę kontrolną, wraz z testami jednostkowymi."],
              ["Zaimplementuj w Go endpoint REST, który przyjmuje plik PDF, zapisuje go i zwraca "
               "jego ID, z obsługą błędów."]),
        longform=(["Napisz esej na 1500 słów o temacie: {topic}."],
                  ["Przygotuj szczegółowy artykuł (około 1200 słów) na temat: {topic} do "
                   "naszego newslettera."]),
        image=(["Opisz ten diagram i wyjaśnij przedstawiony proces."],
               ["Spójrz na załączony skan i powiedz mi, co jest nie tak z okablowaniem."]),
        agent=(["Znajdź wszystkie faktury przeterminowane o ponad 30 dni, wyślij każdemu "
                "klientowi przypomnienie i zapisz przypomnienia w CRM."],
               ["Każdą nową umowę ze skrzynki odbiorczej zarchiwizuj, odczytaj datę odnowienia i "
                "utwórz przypomnienie w kalendarzu miesiąc wcześniej."]),
        extract_rank=(["Wyodrębnij wszystkie obowiązki wykonawcy z tej umowy i uszereguj je "
                       "według ryzyka.\n\n{doc}"],
                      ["Wypisz każde wyłączenie z poniższego dokumentu i ułóż je od "
                       "najpoważniejszego do najmniej dotkliwego dla ubezpieczającego.\n\n{doc}"
                       ]),
        translate_long=(["Przetłumacz tę umowę na {lang} i dostosuj ją do lokalnego prawa.\n\n"
                         "{doc}"],
                        ["Zlokalizuj poniższą polisę: przetłumacz ją w całości na {lang} i "
                         "dostosuj odniesienia do lokalnych przepisów.\n\n{doc}"]),
    ),
)
