// One card on the board: kind, title, body, author, who is editing it, its link counts and (prototype,
// test) its compact facts. User text only via textContent.
import { authorLabel } from "./anonymity.js";
import { cardFacts } from "./fields.js";

function el(tag, className, text) {
  const node = document.createElement(tag);
  node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** "↑2 ↓1 ↔1" with a whole-sentence label for screen readers; null when the card has no links. */
function linkBadge(board, card) {
  const counts = board.links.counts(card.id, board.config.linkUpstreamEnd);
  if (counts.up + counts.down + counts.related === 0) return null;
  const badge = el("span", "link-counts");
  badge.setAttribute("role", "img");
  badge.setAttribute("aria-label", board.t("linkCounts", counts));
  badge.title = badge.getAttribute("aria-label");
  const parts = [["up", "↑"], ["down", "↓"], ["related", "↔"]].filter(([key]) => counts[key] > 0);
  for (const [key, arrow] of parts) {
    const part = el("span", `link-count link-${key}`, `${arrow}${counts[key]}`);
    part.dataset.count = String(counts[key]);
    part.setAttribute("aria-hidden", "true");
    badge.append(part);
  }
  badge.dataset.up = String(counts.up);
  badge.dataset.down = String(counts.down);
  badge.dataset.related = String(counts.related);
  return badge;
}

export function renderCard(board, card) {
  const { config } = board;
  const li = document.createElement("li");
  li.className = "card" + (card.deleted ? " deleted" : "") + (card.pending ? " pending" : "");
  li.tabIndex = 0;
  Object.assign(li.dataset, { cardId: card.id, color: card.color, kind: card.kind, version: card.version,
    deleted: String(card.deleted) });
  const kind = el("div", "card-kind", config.kindLabels[card.kind] ?? card.kind);
  const title = el("h3", "card-title", card.title);
  li.append(kind, title);
  if (card.body) li.append(el("p", "card-body", card.body));
  const facts = [...cardFacts(board, card)];
  const links = card.deleted ? null : linkBadge(board, card);
  if (links) facts.push(links);
  const comments = board.comments.badge(card);
  if (comments) facts.push(comments);
  if (facts.length) {
    const row = el("div", "card-facts");
    row.id = `card-facts-${card.id}`;
    row.append(...facts);
    li.append(row);
    li.setAttribute("aria-describedby", row.id);
  }
  li.append(el("div", "card-meta", authorLabel(board, card)));
  const editors = board.presence.editorsOf(card.id);
  if (editors.length) li.append(el("div", "card-editing", board.t("editing", { names: editors.join(", ") })));
  li.setAttribute("aria-label", `${kind.textContent}: ${card.title}`);
  if (board.menuItems(card.id, card).length) {
    // One tab stop per card: the button is for pointers and touch; keyboards open the menu from the card.
    const button = el("button", "card-menu-button", "⋯");
    button.type = "button";
    button.tabIndex = -1;
    button.setAttribute("aria-haspopup", "menu");
    button.setAttribute("aria-expanded", String(board.menu.cardId === card.id));
    button.setAttribute("aria-controls", "card-menu");
    button.setAttribute("aria-label", board.t("cardActions"));
    button.title = board.t("cardActions");
    li.append(button);
    li.setAttribute("aria-keyshortcuts", card.deleted ? "Shift+F10 ." : "Enter M L Delete Shift+F10 .");
  } else if (!card.deleted) {
    li.setAttribute("aria-keyshortcuts", "Enter");
  }
  if (config.canEdit && !card.deleted && card.id > 0 && !board.workshop?.locks(card.stage)) li.draggable = true;
  board.workshop?.decorateCard(li, card);
  return li;
}
