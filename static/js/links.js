// Typed links between the board's cards: the store (kept live from link.* and card.* events) and the
// "Linked cards" section of the card dialog. A link shows only while both its cards are on the board:
// deleting a card hides its links, restoring it (the event carries them) shows them again.

export class LinkStore {
  /** @param {(id: number) => boolean} isShown  is this card on the board (live, not pending)? */
  constructor(isShown) {
    this.isShown = isShown;
    this.links = new Map(); // id -> {id, from, to, type, ...} as the server sent it
    this.rules = {};        // type -> {from: [kinds]|null, to: [kinds]|null}, from the snapshot
  }

  load(links, rules) {
    this.links.clear();
    for (const link of links ?? []) this.links.set(link.id, link);
    if (rules) this.rules = rules;
  }

  add(link) {
    if (link && Number.isInteger(link.id)) this.links.set(link.id, link);
  }

  remove(id) {
    this.links.delete(id);
  }

  /** The shown links that touch card `id`, each with `other` (the card at the other end) and `outgoing`. */
  of(id) {
    const found = [];
    for (const link of this.links.values()) {
      if (link.from !== id && link.to !== id) continue;
      if (!this.isShown(link.from) || !this.isShown(link.to)) continue;
      found.push({ link, other: link.from === id ? link.to : link.from, outgoing: link.from === id });
    }
    return found.sort((a, b) => a.link.id - b.link.id);
  }

  /** The ids of the cards linked to card `id` (whose counts change with it). */
  neighbours(id) {
    const ids = new Set();
    for (const link of this.links.values()) {
      if (link.from === id) ids.add(link.to);
      if (link.to === id) ids.add(link.from);
    }
    return ids;
  }

  /** {up, down, related} for card `id`; which end is upstream comes from the server per type. */
  counts(id, upstreamEnd) {
    const counts = { up: 0, down: 0, related: 0 };
    for (const { link, outgoing } of this.of(id)) {
      const end = upstreamEnd[link.type];
      if (!end) counts.related += 1;
      else if ((end === "from") === !outgoing) counts.up += 1; // the other card sits at the upstream end
      else counts.down += 1;
    }
    return counts;
  }

  /** Is there already a link of `type` from `from` to `to` (either way for undirected types)? */
  exists(from, to, type) {
    const undirected = this.rules[type]?.from === null;
    for (const link of this.links.values()) {
      if (link.type !== type) continue;
      if ((link.from === from && link.to === to) || (undirected && link.from === to && link.to === from)) return true;
    }
    return false;
  }

  /**
   * The link types the server accepts between a card of kind `mine` and one of kind `theirs`, the
   * meaningful (typed) ones first: [{type, reversed}] where `reversed` means the other card is `from`.
   */
  typesBetween(mine, theirs) {
    const fits = (kinds, kind) => kinds === null || kinds === undefined || kinds.includes(kind);
    const typed = [];
    const open = [];
    for (const [type, rule] of Object.entries(this.rules)) {
      const list = rule.from === null && rule.to === null ? open : typed;
      if (fits(rule.from, mine) && fits(rule.to, theirs)) list.push({ type, reversed: false });
      else if (fits(rule.from, theirs) && fits(rule.to, mine)) list.push({ type, reversed: true });
    }
    return [...typed, ...open];
  }
}

/** The "Linked cards" section of the card dialog: links grouped by type and direction. */
export class LinkList {
  /**
   * @param {object} board  cards, config, t(), links (LinkStore), revealCard(), removeLink()
   */
  constructor(board) {
    this.board = board;
    this.list = document.getElementById("cd-links-list");
    this.status = document.getElementById("cd-links-status");
    this.cardId = null;
  }

  show(cardId) {
    this.cardId = cardId;
    this.status.textContent = "";
    this.render();
  }

  say(message) {
    this.status.textContent = message;
  }

  render() {
    const { board } = this;
    if (this.cardId === null) return;
    const entries = board.links.of(this.cardId);
    if (entries.length === 0) {
      const empty = document.createElement("p");
      empty.className = "muted";
      empty.textContent = board.t("noLinks");
      this.list.replaceChildren(empty);
      return;
    }
    const groups = new Map(); // "type:out|in" -> entries, in the order of the server's link types
    const order = Object.keys(board.config.linkLabels);
    entries.sort((a, b) => order.indexOf(a.link.type) - order.indexOf(b.link.type) || Number(b.outgoing) - Number(a.outgoing));
    for (const entry of entries) {
      const undirected = !board.config.linkUpstreamEnd[entry.link.type];
      const key = `${entry.link.type}:${entry.outgoing || undirected ? "out" : "in"}`;
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(entry);
    }
    const sections = [];
    for (const [key, group] of groups) {
      const [type, way] = key.split(":");
      const heading = document.createElement("h4");
      heading.className = "link-group-title";
      heading.textContent = way === "out" ? board.config.linkLabels[type] : board.config.linkInverseLabels[type];
      const ul = document.createElement("ul");
      ul.className = "link-list";
      ul.append(...group.map((entry) => this.#item(entry)));
      const section = document.createElement("div");
      section.className = "link-group";
      section.dataset.type = type;
      section.dataset.way = way;
      section.append(heading, ul);
      sections.push(section);
    }
    this.list.replaceChildren(...sections);
  }

  #item({ link, other }) {
    const { board } = this;
    const card = board.cards.get(other);
    const li = document.createElement("li");
    li.className = "link-item";
    li.dataset.linkId = link.id;
    li.dataset.cardId = other;
    const go = document.createElement("button");
    go.type = "button";
    go.className = "link-card";
    const title = document.createElement("span");
    title.className = "link-card-title";
    title.textContent = card.title;
    const where = document.createElement("span");
    where.className = "link-card-where";
    where.textContent = board.t("kindInLane", { kind: board.config.kindLabels[card.kind] ?? card.kind,
      lane: board.stageByKey[card.stage]?.label ?? card.stage });
    go.append(title, where);
    go.addEventListener("click", () => board.revealCard(other));
    li.append(go);
    if (board.config.canEdit) {
      const remove = document.createElement("button");
      remove.type = "button";
      remove.className = "btn btn-small btn-danger link-remove";
      remove.textContent = board.t("removeLink");
      remove.setAttribute("aria-label", board.t("removeLinkTo", { title: card.title }));
      remove.addEventListener("click", () => board.removeLink(link.id));
      li.append(remove);
    }
    return li;
  }
}
