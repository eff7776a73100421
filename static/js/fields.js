// Structured fields of prototype and test cards: the editor in the card dialog (whole-value replace with
// the card's version, a clear message on a conflict) and the compact facts on the card face.
// Labels, choices and the overdue rule come from the server (board-config).

const KINDS = ["prototype", "test"];

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function labelOf(pairs, key) {
  return pairs.find(([value]) => value === key)?.[1] ?? key;
}

/** A YYYY-MM-DD date in the UI language (Thai: Buddhist Era year). */
export function formatDay(iso, locale) {
  const [year, month, day] = iso.split("-").map(Number);
  const tag = locale === "th" ? "th-TH-u-ca-buddhist" : "en-GB";
  return new Intl.DateTimeFormat(tag, { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" })
    .format(new Date(Date.UTC(year, month - 1, day)));
}

function sameFields(a, b) {
  return Object.keys({ ...a, ...b }).filter((key) => key !== "owner_organisation")
    .every((key) => (a?.[key] ?? null) === (b?.[key] ?? null));
}

/** The facts a prototype or test card shows on its face (status, fidelity, due date; method, verdict). */
export function cardFacts(board, card) {
  const { config } = board;
  const facts = [];
  if (card.kind === "prototype" && card.prototype) {
    const { status, fidelity, due_date: due } = card.prototype;
    const badge = el("span", "fact-badge status-badge", labelOf(config.prototypeStatuses, status));
    badge.dataset.status = status;
    facts.push(badge);
    if (fidelity) facts.push(el("span", "fact fact-fidelity", labelOf(config.fidelities, fidelity)));
    if (due) {
      const overdue = due < config.today && config.overdueStatuses.includes(status);
      const date = formatDay(due, config.locale);
      const node = el("span", "fact fact-due", board.t(overdue ? "overdue" : "due", { date }));
      node.dataset.overdue = String(overdue);
      facts.push(node);
    }
  } else if (card.kind === "test" && card.test) {
    const { method, verdict } = card.test;
    if (method) facts.push(el("span", "fact fact-method", labelOf(config.testMethods, method)));
    if (verdict) {
      const badge = el("span", "fact-badge verdict-badge", labelOf(config.verdicts, verdict));
      badge.dataset.verdict = verdict;
      facts.push(badge);
    }
  }
  return facts;
}

export class FieldsEditor {
  /** @param {object} board  cards, config, t(), connection, reconcile(), decisions (Map) */
  constructor(board) {
    this.board = board;
    this.sets = Object.fromEntries(KINDS.map((kind) => [kind, document.getElementById(`cd-${kind}`)]));
    this.cardId = null;
    this.kind = null;
    this.base = null; // the fields as the form was filled: what "changed" and "someone else changed" compare to
    const { config } = board;
    for (const set of Object.values(this.sets)) {
      for (const select of set.querySelectorAll("select[data-choices]")) this.#fillChoices(select);
      for (const input of set.querySelectorAll("[data-limit]")) input.maxLength = config.fieldLimits[input.dataset.limit];
      set.querySelector('input[data-type="count"]')?.setAttribute("max", String(config.fieldLimits.participants));
      set.querySelector("[data-save-fields]").addEventListener("click", () => this.save());
    }
  }

  /** The options of a menu from the config (the chosen value kept while it is still offered). */
  #fillChoices(select) {
    const { board } = this;
    const kept = select.value;
    const empty = select.dataset.required === "true" ? [] : [["", board.t(select.dataset.choices === "organisations" ? "noOrganisation" : "notSet")]];
    select.replaceChildren(...[...empty, ...board.config[select.dataset.choices]].map(([value, label]) => {
      const option = el("option", "", label);
      option.value = String(value);
      return option;
    }));
    if ([...select.options].some((option) => option.value === kept)) select.value = kept;
  }

  /** Ask which owners the server accepts now: an affiliation refused or removed since the page loaded drops
   *  out of the menu without a reload (the server refuses such an owner anyway). */
  async #refreshOwners() {
    const { config } = this.board;
    if (!config.ownerChoicesUrl || !config.canEdit) return;
    try {
      const response = await fetch(config.ownerChoicesUrl, { credentials: "same-origin", headers: { Accept: "application/json" } });
      if (!response.ok) return;
      const { organisations } = await response.json();
      const th = config.locale === "th";
      config.organisations = organisations.map((org) => [org.id, th ? org.name_th || org.name_en : org.name_en || org.name_th]);
      for (const select of this.sets.prototype.querySelectorAll('select[data-choices="organisations"]')) this.#fillChoices(select);
    } catch { /* offline: the menu keeps what it had */ }
  }

  #controls() {
    return [...this.sets[this.kind].querySelectorAll("[data-field]")];
  }

  #status(message) {
    this.sets[this.kind].querySelector(".fields-status").textContent = message ?? "";
  }

  /** Show the fields of card `id` (none for other kinds); read-only unless the viewer may edit. */
  show(id) {
    const card = this.board.cards.get(id);
    this.cardId = id;
    this.kind = KINDS.includes(card?.kind) ? card.kind : null;
    for (const [kind, set] of Object.entries(this.sets)) set.hidden = kind !== this.kind;
    if (!this.kind) return;
    this.#status("");
    const editable = this.board.config.canEdit && !card.deleted && !this.board.workshop.locks(card.stage);
    for (const control of this.#controls()) {
      control.disabled = !editable;
      control.removeAttribute("aria-invalid");
    }
    this.sets[this.kind].querySelector("[data-save-fields]").hidden = !editable;
    this.#fill(card);
    if (this.kind === "prototype" && editable) this.#refreshOwners();
  }

  hide() {
    this.cardId = null;
    this.kind = null;
  }

  #fill(card) {
    const fields = card[this.kind] ?? {};
    this.base = { ...fields };
    for (const control of this.#controls()) {
      const value = fields[control.dataset.field];
      control.value = value === null || value === undefined ? "" : String(value);
    }
    if (this.kind === "prototype") this.showDecision();
  }

  /** The latest gate decision on the open prototype (read-only; decided on the chain page). */
  showDecision() {
    if (this.kind !== "prototype") return;
    const { board } = this;
    const box = document.getElementById("cd-decision");
    const decision = board.decisions.get(this.cardId);
    document.getElementById("cd-chain-link").href = board.config.chainUrl.replace("{id}", String(this.cardId));
    box.hidden = !decision;
    if (!decision) return;
    const label = document.getElementById("cd-decision-label");
    label.textContent = board.config.decisionLabels[decision.decision] ?? decision.decision;
    label.dataset.decision = decision.decision;
    document.getElementById("cd-decision-by").textContent = board.t("decidedBy", {
      name: decision.decided_by_name ?? "", date: formatDay(decision.created_at.slice(0, 10), board.config.locale) });
    document.getElementById("cd-decision-rationale").textContent = decision.rationale ?? "";
  }

  /** What the form says now, typed as the server stores it; {error, control} when a value cannot be sent. */
  #values() {
    const values = {};
    for (const control of this.#controls()) {
      const raw = control.value.trim();
      const name = control.dataset.field;
      if (control.tagName === "SELECT") {
        values[name] = raw === "" ? null : (control.dataset.type === "id" ? Number(raw) : raw);
      } else if (control.dataset.type === "count") {
        if (control.validity.badInput || (raw !== "" && !/^[0-9]+$/.test(raw))) return { error: this.board.t("badCount"), control };
        values[name] = raw === "" ? null : Number(raw);
      } else if (control.type === "date") {
        if (control.validity.badInput) return { error: this.board.t("badDate"), control };
        values[name] = raw === "" ? null : raw;
      } else {
        values[name] = control.value;
      }
    }
    return { values };
  }

  #changed(values) {
    return Object.keys(values).filter((name) => (values[name] ?? "") !== (this.base[name] ?? ""));
  }

  get dirty() {
    if (!this.kind) return false;
    const { values } = this.#values();
    return !values || this.#changed(values).length > 0;
  }

  async save() {
    const { board } = this;
    const { kind, cardId: id } = this;
    const card = board.cards.get(id);
    if (!kind || !card) return;
    for (const control of this.#controls()) control.removeAttribute("aria-invalid");
    if (!sameFields(card[kind], this.base)) {
      this.#fill(card); // changed live by someone else since the form was filled
      this.#status(board.t("fieldsConflict"));
      return;
    }
    const { values, error, control } = this.#values();
    if (error) {
      control.setAttribute("aria-invalid", "true");
      this.#status(error);
      control.focus();
      return;
    }
    const changed = this.#changed(values);
    if (changed.length === 0) {
      this.#status(board.t("nothingChanged"));
      return;
    }
    const data = { id, version: card.version, ...Object.fromEntries(changed.map((name) => [name, values[name]])) };
    try {
      const ack = await board.connection.send(`${kind}.update`, data);
      board.reconcile(ack.card);
      if (this.cardId === id) {
        this.base = { ...ack.card[kind] };
        this.#status(board.t("fieldsSaved"));
      }
    } catch (failure) {
      if (this.cardId !== id) return;
      if (failure.code === "conflict") {
        await board.connection.resync(); // take the other change first, then show it
        this.#fill(board.cards.get(id) ?? card);
        this.#status(board.t("fieldsConflict"));
        return;
      }
      if (failure.field === "owner_org_id") this.#refreshOwners();
      const wrong = this.#controls().find((item) => item.dataset.field === failure.field);
      wrong?.setAttribute("aria-invalid", "true");
      this.#status(failure.message);
    }
  }

  /** A live change of the open card (prototype.update, test.update, gate.decide, card.*). */
  remoteUpdate(card) {
    if (!this.kind || card.id !== this.cardId) return;
    if (sameFields(card[this.kind], this.base)) return;
    if (this.dirty) return; // the person is typing: their save will say someone else changed it
    this.#fill(card);
    this.#status(this.board.t("fieldsUpdated"));
  }
}
