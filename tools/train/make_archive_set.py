#!/usr/bin/env python3
"""Generates the labelled archive set: data/archive/train.jsonl and data/archive/holdout.jsonl.

Each line: {"request": {OpenAI chat request}, "label": "reflex"|"reasoning", "lang": ..., "kind": ...}.
Labels follow the product's routing rule (docs/routing-model.md): the label is a property of the
task kind, never of a keyword. Deterministic (fixed seed, stdlib only):

    python3 tools/train/make_archive_set.py [--out data/archive]

Train and holdout differ on purpose: other instruction templates (other verbs and sentence
shapes), other document types and sentence banks (train: invoices, e-mails, service contracts,
operations reports; holdout: receipts, letters, insurance policies, medical discharge letters),
other multi-document layouts, other tool sets.
"""

import argparse
import json
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from archive_lang_a import EN, DE, FR, ES  # noqa: E402
from archive_lang_b import IT, NL, PT, PL  # noqa: E402

LANGS = {"en": EN, "de": DE, "fr": FR, "es": ES, "it": IT, "nl": NL, "pt": PT, "pl": PL}
SEED = 20261124

REFLEX = ["detect_lang", "classify", "sentiment", "extract_short", "extract_long", "yes_no",
          "keywords", "short_factual", "reformat", "translate_short", "route_email",
          "summarize_short", "classify_long"]
REASONING = ["summarize_long", "briefing", "compare_docs", "synthesize", "legal_risk",
             "financial", "medical", "math", "plan", "code", "longform", "image", "agent",
             "extract_rank", "translate_long"]

# Multi-document labels per language: train uses "Label N:" and "---"; holdout uses tags.
OFFER = {"en": "Offer", "de": "Angebot", "fr": "Offre", "es": "Oferta", "it": "Offerta",
         "nl": "Offerte", "pt": "Proposta", "pl": "Oferta"}
REPORT = {"en": "Report", "de": "Bericht", "fr": "Rapport", "es": "Informe", "it": "Relazione",
          "nl": "Rapport", "pt": "Documento", "pl": "Raport"}

SYSTEM = ["You are a helpful assistant for the document archive of {company}.",
          "You are an assistant. Answer in the language of the user.",
          "You help the back office of {company} with their documents. Be accurate."]
SYSTEM_B = ["Archive assistant. Follow the user's instructions precisely.",
            "You are the AI helper of {company}'s records department."]

TOOLS_A = [("search_invoices", "Search invoices by status, customer or due date."),
           ("send_email", "Send an e-mail to a recipient."),
           ("update_crm", "Add a note or activity to a CRM contact."),
           ("search_flights", "Search flights by route and date."),
           ("book_flight", "Book a flight by offer id."),
           ("add_calendar_event", "Add an event to the user's calendar.")]
TOOLS_B = [("list_inbox", "List new documents in the inbox."),
           ("archive_document", "Move a document into the archive folder."),
           ("read_document", "Return the text of a document."),
           ("create_reminder", "Create a calendar reminder at a date."),
           ("notify_user", "Send a notification to a user.")]


class Gen:
    def __init__(self, rng, lang, split):
        self.rng, self.lang, self.split = rng, lang, split
        self.L = LANGS[lang]

    # ---- slot values -------------------------------------------------------------------------
    def money(self, lo, hi):
        v = self.rng.randint(lo * 100, hi * 100) / 100
        if self.lang == "en":
            s = f"{v:,.2f}"
        elif self.lang in ("fr", "pl"):
            s = f"{v:,.2f}".replace(",", " ").replace(".", ",")
        else:
            s = f"{v:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")
        return self.L["money"].format(v=s)

    def date(self):
        r = self.rng
        d, m, y = r.randint(1, 28), r.randint(1, 12), r.choice([2023, 2024, 2025])
        if self.L.get("months"):
            return self.L["date"].format(month=self.L["months"][m % 6], d=d, y=y)
        return self.L["date"].format(d=f"{d:02d}", m=f"{m:02d}", y=y)

    def slots(self):
        r, L = self.rng, self.L
        items = "\n".join(L["item"].format(qty=r.randint(1, 40), product=r.choice(L["products"]),
                                           price=self.money(5, 400))
                          for _ in range(r.randint(2, 4)))
        return dict(first=r.choice(L["first"]), last=r.choice(L["last"]), city=r.choice(L["cities"]),
                    company=r.choice(L["companies"]), company2=r.choice(L["companies"]),
                    date=self.date(), due=self.date(), inv=f"{r.randint(2023, 2025)}-{r.randint(1, 9999):04d}",
                    total=self.money(100, 90000), net=self.money(100, 50000), vat=self.money(20, 9000),
                    iban=f"DE{r.randint(10, 99)} {r.randint(1000, 9999)} {r.randint(1000, 9999)} "
                         f"{r.randint(1000, 9999)} {r.randint(1000, 9999)} {r.randint(10, 99)}",
                    vatno=r.randint(100000000, 999999999), items=items, n=r.randint(3, 40),
                    d=r.randint(5, 60), p=r.randint(2, 35), y=r.choice([2023, 2024, 2025]),
                    a=r.randint(3, 60), b=r.randint(2, 90), c=r.randint(100, 2000))

    def fill(self, template, **extra):
        s = self.slots()
        s.update(extra)
        return template.format(**s)

    # ---- documents ---------------------------------------------------------------------------
    def short_doc(self):
        return self.fill(self.L["invoice" if self.split == "train" else "receipt"])

    def short_text(self):
        bank = self.L["email_a" if self.split == "train" else "letter_b"]
        return self.fill(self.rng.choice(bank))

    def note(self):
        return self.fill(self.rng.choice(self.L["notes_a" if self.split == "train" else "notes_b"]))

    def long_doc(self, genre, min_words, max_words):
        r, L = self.rng, self.L
        a = self.split == "train"
        title, bank = {
            "contract": ("contract_title", "contract_a") if a else ("policy_title", "contract_b"),
            "report": ("report_title", "report_a") if a else ("medical_title", "report_b"),
        }[genre]
        target = r.randint(min_words, max_words)
        parts, words, n = [self.fill(L[title])], 0, 1
        while words < target:
            sentences = [self.fill(r.choice(L[bank])) for _ in range(r.randint(3, 6))]
            parts.append(L["section"].format(n=n) + "\n" + " ".join(sentences))
            words += sum(len(s.split()) for s in sentences) + 2
            n += 1
        return "\n\n".join(parts)

    def multi_docs(self, count, genre):
        r = self.rng
        docs = [self.long_doc(genre, 120, 450) for _ in range(count)]
        label = OFFER[self.lang] if genre == "contract" else REPORT[self.lang]
        if self.split == "train":
            if r.random() < 0.5:
                return "\n\n".join(f"{label} {chr(65 + i)}:\n{d}" for i, d in enumerate(docs))
            return "\n---\n".join(docs)
        return "\n\n".join(f"<document id=\"{i + 1}\">\n{d}\n</document>" for i, d in enumerate(docs))

    # ---- tasks -------------------------------------------------------------------------------
    def template(self, kind):
        train, holdout = self.L["TASKS"][kind]
        if self.split == "train" and self.lang != "en" and self.rng.random() < 0.15:
            train = EN["TASKS"][kind][0]  # an English instruction on a local document
        return self.rng.choice(train if self.split == "train" else holdout)

    def content(self, kind):
        r, L = self.rng, self.L
        t = self.template(kind)
        other = LANGS[r.choice([k for k in LANGS if k != self.lang])]
        bank = other["email_a" if self.split == "train" else "letter_b"]
        rows = "\n".join(f"{r.choice(L['first'])} {r.choice(L['last'])}: {self.money(10, 5000)}"
                         for _ in range(r.randint(3, 6)))
        args = dict(
            text=self.short_text(), note=self.note(), doc=self.short_doc(),
            cats=L["cats"], depts=L["depts"], lang=r.choice(L["targets"]), list=rows,
            typo=L["typos"], problem=self.fill(r.choice(L["problems_a" if self.split == "train" else "problems_b"])),
            topic=r.choice(L["topics"]), code=EN["code_bug"], docs="")
        if kind == "detect_lang":
            args["text"] = self.fill(r.choice(bank))
        elif kind == "sentiment":
            args["text"] = r.choice(L["review_pos"] + L["review_neg"])
        elif kind in ("extract_long", "translate_long"):
            args["doc"] = self.long_doc("contract", 2100, 3200)
        elif kind in ("classify_long", "summarize_long"):
            args["doc"] = self.long_doc(r.choice(["contract", "report"]), 2100, 3200)
        elif kind == "briefing":
            args["doc"] = self.long_doc("report", 500, 3000)
        elif kind in ("legal_risk", "extract_rank"):
            args["doc"] = self.long_doc("contract", 250, 3000)
        elif kind == "compare_docs":
            args["docs"] = self.multi_docs(r.randint(2, 3), "contract")
        elif kind == "synthesize":
            args["docs"] = self.multi_docs(r.randint(2, 4), "report")
        elif kind == "financial":
            args["doc"] = self.fill(L["fin"]) + "\n" + self.fill(r.choice(L["report_a"]))
        elif kind == "medical":
            args["doc"] = self.fill(L["lab"])
            if self.split != "train":
                args["doc"] = self.long_doc("report", 80, 200) + "\n" + args["doc"]
        return t.format(**{**self.slots(), **args})

    def request(self, kind):
        r = self.rng
        messages = []
        if r.random() < 0.3:
            sys_bank = SYSTEM if self.split == "train" else SYSTEM_B
            messages.append({"role": "system", "content": self.fill(r.choice(sys_bank))})
        if r.random() < 0.12:
            messages.append({"role": "user", "content": self.fill(r.choice(self.L["notes_a"]))})
            messages.append({"role": "assistant", "content": "OK."})
        text = self.content(kind)
        if kind == "image":
            url = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk"
            content = [{"type": "text", "text": text}, {"type": "image_url", "image_url": {"url": url}}]
        else:
            content = text
        messages.append({"role": "user", "content": content})
        req = {"model": "auto", "messages": messages}
        if kind == "agent":
            tools = TOOLS_A if self.split == "train" else TOOLS_B
            req["tools"] = [{"type": "function", "function": {
                "name": n, "description": d,
                "parameters": {"type": "object", "properties": {"query": {"type": "string"}}}}}
                for n, d in tools]
        if kind == "extract_short" and r.random() < 0.4:
            req["response_format"] = {"type": "json_schema", "json_schema": {
                "name": "fields", "schema": {"type": "object", "properties": {
                    "number": {"type": "string"}, "total": {"type": "string"},
                    "date": {"type": "string"}}}}}
        if r.random() < 0.25:
            req["max_tokens"] = r.choice([64, 128, 256, 512, 1024] if kind in REFLEX
                                         else [512, 1024, 2048, 4096])
        return req


def generate(split, per_kind, seed):
    rng = random.Random(seed)
    lines = []
    for lang in LANGS:
        for kind in REFLEX + REASONING:
            n = per_kind(rng)
            for _ in range(n):
                g = Gen(rng, lang, split)
                lines.append({"request": g.request(kind),
                              "label": "reflex" if kind in REFLEX else "reasoning",
                              "lang": lang, "kind": kind})
    return lines


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default="data/archive")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    sets = {"train": generate("train", lambda r: 3, SEED),
            "holdout": generate("holdout", lambda r: r.choice([1, 2]), SEED + 1)}
    for name, lines in sets.items():
        path = os.path.join(args.out, name + ".jsonl")
        with open(path, "w", encoding="utf-8") as f:
            for line in lines:
                f.write(json.dumps(line, ensure_ascii=False, sort_keys=False) + "\n")
        reflex = sum(1 for x in lines if x["label"] == "reflex")
        print(f"{path}: {len(lines)} examples ({reflex} reflex, {len(lines) - reflex} reasoning)")


if __name__ == "__main__":
    main()
