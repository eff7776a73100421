// Keyboard-first dialogs of the themes: "Move to theme…" (a search box over the lane's themes, a
// listbox walked with the arrow keys, Enter to choose; typing a new name offers to make that theme)
// and the rename dialog. Built here (no markup in the page); user text only via textContent.
import { el } from "./clock.js";

/** Names compare in one Unicode form and case: Thai typed on another keyboard still matches. */
function normalise(text) {
  return (text ?? "").normalize("NFC").toLocaleLowerCase().trim();
}

function dialogShell(id, labels) {
  const title = el("h2", { attrs: { id: `${id}-title` } });
  const status = el("p", { className: "form-error", attrs: { role: "status", "aria-live": "assertive" } });
  const submit = el("button", { text: labels.submit, className: "btn btn-primary", attrs: { type: "submit" } });
  const cancel = el("button", { text: labels.cancel, className: "btn", attrs: { type: "button" } });
  const form = el("form", { attrs: { method: "dialog", novalidate: "" } });
  const dialog = el("dialog", { className: "theme-dialog", attrs: { id, "aria-labelledby": `${id}-title` } }, [form]);
  cancel.addEventListener("click", () => dialog.close());
  document.body.append(dialog);
  return { dialog, form, title, status, submit, actions: el("div", { className: "actions" }, [submit, cancel]) };
}

export class ThemePicker {
  constructor(themes) {
    this.themes = themes;
    const l = themes.labels;
    Object.assign(this, dialogShell("theme-picker", { submit: l.choose, cancel: l.cancel }));
    this.search = el("input", { attrs: { type: "text", id: "theme-search", role: "combobox", "aria-autocomplete": "list",
      "aria-expanded": "true", "aria-controls": "theme-options", autocomplete: "off", spellcheck: "false",
      maxlength: String(themes.config.nameMax) } });
    this.options = el("ul", { className: "link-options theme-options", attrs: { id: "theme-options", role: "listbox",
      "aria-label": l.pickerOptions } });
    this.hint = el("p", { className: "muted", attrs: { "aria-live": "polite" } });
    this.form.append(this.title, el("div", { className: "form-row" }, [
      el("label", { text: l.pickerSearch, attrs: { for: "theme-search" } }), this.search]),
    this.options, this.hint, this.status, this.actions);
    this.cardId = null;
    this.shown = []; // [{kind: "theme"|"none"|"new", theme?, name?}]
    this.active = -1;
    this.search.addEventListener("input", () => this.#filter());
    this.search.addEventListener("keydown", (event) => this.#onKey(event));
    this.options.addEventListener("click", (event) => {
      const option = event.target.closest('[role="option"]');
      if (option) this.#choose(Number(option.dataset.index));
    });
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.#choose(this.active);
    });
    this.dialog.addEventListener("close", () => {
      if (this.cardId !== null) this.themes.board.focusCard(this.cardId);
      this.cardId = null;
    });
  }

  open(cardId) {
    const card = this.themes.board.cards.get(cardId);
    if (!card || card.deleted || card.id < 0 || !this.themes.canEdit) return;
    this.cardId = cardId;
    this.title.textContent = this.themes.t("pickerTitle", { title: card.title });
    this.search.value = "";
    this.status.textContent = "";
    this.#filter();
    this.dialog.showModal();
    this.search.focus();
  }

  /** Themes changed under the open picker: list again. */
  refresh() {
    if (this.dialog.open) this.#filter();
  }

  #filter() {
    const { themes } = this;
    const card = themes.board.cards.get(this.cardId);
    if (!card) return;
    const typed = this.search.value.trim();
    const query = normalise(typed);
    const lane = themes.inLane(card.stage);
    const current = themes.themeOf(card);
    this.shown = lane.filter((theme) => !query || normalise(theme.name).includes(query))
      .map((theme) => ({ kind: "theme", theme }));
    if (current !== null && !query) this.shown.push({ kind: "none" });
    if (typed && !lane.some((theme) => normalise(theme.name) === query)) this.shown.push({ kind: "new", name: typed });
    this.options.replaceChildren(...this.shown.map((item, index) => this.#option(item, index, current)));
    this.hint.textContent = lane.length === 0 && !typed ? themes.labels.noThemesYet : "";
    // The first choice that changes something: Enter right away never "moves" a card to its own theme.
    const first = this.shown.findIndex((item) => !(item.kind === "theme" && item.theme.id === current));
    this.#activate(first >= 0 ? first : (this.shown.length ? 0 : -1));
  }

  #option(item, index, current) {
    const { labels } = this.themes;
    const text = item.kind === "theme" ? item.theme.name : item.kind === "none" ? labels.noTheme
      : this.themes.t("newTheme", { name: item.name });
    const option = el("li", { text, attrs: { role: "option", id: `theme-option-${index}`, "aria-selected": "false",
      "data-index": String(index), "data-kind": item.kind } });
    if (item.kind === "theme" && item.theme.id === current) {
      option.append(el("span", { className: "link-option-linked", text: labels.current }));
    }
    return option;
  }

  #activate(index) {
    this.active = index;
    [...this.options.children].forEach((option, i) => option.setAttribute("aria-selected", String(i === index)));
    const current = this.options.children[index];
    if (current) {
      this.search.setAttribute("aria-activedescendant", current.id);
      current.scrollIntoView({ block: "nearest" });
    } else {
      this.search.removeAttribute("aria-activedescendant");
    }
  }

  #onKey(event) {
    const last = this.shown.length - 1;
    const moves = { ArrowDown: Math.min(last, this.active + 1), ArrowUp: Math.max(0, this.active - 1),
      Home: 0, End: last };
    if (event.key in moves && last >= 0) {
      event.preventDefault();
      this.#activate(moves[event.key]);
    }
  }

  async #choose(index) {
    const item = this.shown[index];
    const cardId = this.cardId;
    const card = this.themes.board.cards.get(cardId);
    if (!item || !card) return;
    this.dialog.close();
    if (item.kind === "new") {
      try {
        await this.themes.create(card.stage, item.name, [cardId]);
      } catch { /* announced */ }
      this.themes.board.focusCard(cardId);
    } else {
      await this.themes.assign(cardId, item.kind === "theme" ? item.theme.id : null);
    }
  }
}

export class ThemeNameDialog {
  constructor(themes) {
    this.themes = themes;
    const l = themes.labels;
    Object.assign(this, dialogShell("theme-rename", { submit: l.save, cancel: l.cancel }));
    this.input = el("input", { attrs: { type: "text", id: "theme-rename-name", required: "",
      maxlength: String(themes.config.nameMax), autocomplete: "off" } });
    this.form.append(this.title, el("div", { className: "form-row" }, [
      el("label", { text: l.newName, attrs: { for: "theme-rename-name" } }), this.input]), this.status, this.actions);
    this.theme = null;
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.#save();
    });
  }

  open(theme) {
    this.theme = theme;
    this.title.textContent = this.themes.t("renameTheme", { name: theme.name });
    this.input.value = theme.name;
    this.status.textContent = "";
    this.dialog.showModal();
    this.input.select();
  }

  async #save() {
    const name = this.input.value.trim();
    if (!name || !this.theme) return;
    this.submit.disabled = true;
    try {
      await this.themes.rename(this.theme, name);
      this.dialog.close();
    } catch (error) {
      this.status.textContent = error.message;
      this.input.focus();
    } finally {
      this.submit.disabled = false;
    }
  }
}
