// Comments in the card dialog: the thread (live: a comment.* Event for the open card fetches it again,
// as the server decides what each person sees), a composer with @mentions, replies, edit, delete,
// hide and follow; and the comment count on card faces. User text only via textContent.
import { MentionBox } from "./mentions.js";

const texts = Object.fromEntries(
  [...(document.getElementById("i18n-comments")?.content.querySelectorAll("[data-key]") ?? [])]
    .map((el) => [el.dataset.key, el.textContent]),
);
const csrf = document.querySelector('meta[name="csrf-token"]')?.content ?? "";

function t(key, values = {}) {
  return (texts[key] ?? key).replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ""));
}

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function button(label, action, className = "btn-link") {
  const node = el("button", className, label);
  node.type = "button";
  node.addEventListener("click", action);
  return node;
}

/** The body with each mention shown as the person's name (spans set with textContent). */
function renderBody(comment) {
  const p = el("p", "comment-body");
  let rest = comment.body;
  const mentions = [...comment.mentions].sort((a, b) => rest.indexOf(a.text) - rest.indexOf(b.text));
  for (const mention of mentions) {
    const at = rest.indexOf(mention.text);
    if (at < 0) continue;
    p.append(rest.slice(0, at));
    const span = el("span", mention.user_id ? "mention" : "mention mention-plain", mention.name ? `@${mention.name}` : mention.text);
    p.append(span);
    rest = rest.slice(at + mention.text.length);
  }
  p.append(rest);
  return p;
}

export class Comments {
  constructor(board) {
    this.board = board;
    this.counts = new Map();
    this.cardId = null;
    this.thread = null;
    this.replyTo = null;
    this.timer = null;
    this.wanted = new URLSearchParams(location.search).get("comment"); // from a notification
    this.section = document.getElementById("cd-comments");
    this.list = document.getElementById("cd-comment-list");
    this.status = document.getElementById("cd-comments-status");
    this.composer = document.getElementById("cd-composer");
    this.input = document.getElementById("cd-comment-body");
    this.replying = document.getElementById("cd-replying");
    this.followButton = document.getElementById("cd-follow");
    if (!this.section) return;
    this.mentions = new MentionBox(this.input, (q) => this.search(q), { noMatch: t("noMatch"), label: t("members") });
    document.getElementById("cd-comment-post").addEventListener("click", () => this.post());
    document.getElementById("cd-reply-cancel").addEventListener("click", () => this.setReply(null));
    this.input.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        this.post();
      }
    });
    this.followButton.addEventListener("click", () => this.toggleFollow());
  }

  load(counts) {
    this.counts = new Map(Object.entries(counts ?? {}).map(([id, n]) => [Number(id), n]));
  }

  /** The card face's "💬 3" with a whole sentence for screen readers; null without comments. */
  badge(card) {
    const count = this.counts.get(card.id) ?? 0;
    if (!count || card.deleted) return null;
    const badge = el("span", "comment-count", String(count));
    badge.dataset.count = String(count);
    badge.setAttribute("role", "img");
    badge.setAttribute("aria-label", t("countLabel", { count }));
    badge.title = badge.getAttribute("aria-label");
    return badge;
  }

  applyEvent(event) {
    const comment = event.payload?.comment;
    if (!comment) return;
    if (Number.isInteger(event.payload.comment_count)) {
      this.counts.set(comment.card_id, event.payload.comment_count);
      const card = this.board.cards.get(comment.card_id);
      if (card) this.board.renderLane(card.stage);
    }
    if (comment.card_id === this.cardId) {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.refresh(), 100);
    }
  }

  async show(cardId) {
    if (!this.section) return;
    this.cardId = cardId;
    this.setReply(null);
    this.input.value = "";
    this.mentions.reset();
    this.list.replaceChildren();
    this.say("");
    await this.refresh();
  }

  hide() {
    this.cardId = null;
    this.thread = null;
    this.mentions?.close();
  }

  async refresh() {
    const id = this.cardId;
    if (id === null) return;
    try {
      const response = await fetch(`/api/v1/cards/${id}/comments`, { credentials: "same-origin", headers: { Accept: "application/json" } });
      if (!response.ok) throw new Error((await response.json()).error?.message ?? response.statusText);
      const thread = await response.json();
      if (this.cardId !== id) return;
      this.thread = thread;
      this.counts.set(id, thread.count);
      this.render();
    } catch (error) {
      this.say(t("failed", { reason: error.message }));
    }
  }

  render() {
    const { thread } = this;
    const focused = document.activeElement?.closest?.(".comment")?.dataset.commentId;
    this.composer.hidden = !thread.can_comment;
    this.followButton.hidden = !thread.can_follow;
    this.followButton.setAttribute("aria-pressed", String(thread.following));
    this.followButton.textContent = t(thread.following ? "following" : "follow");
    const items = thread.comments.map((comment) => this.renderComment(comment));
    if (!items.length) items.push(el("li", "comment-empty muted", t("none")));
    this.list.replaceChildren(...items);
    if (focused) this.list.querySelector(`[data-comment-id="${CSS.escape(focused)}"]`)?.focus({ preventScroll: true });
    this.revealWanted();
  }

  /** Opened from a notification: the comment in view, once. */
  revealWanted() {
    if (!this.wanted) return;
    const item = this.list.querySelector(`[data-comment-id="${CSS.escape(this.wanted)}"]`);
    if (!item) return;
    this.wanted = null;
    item.classList.add("comment-target");
    item.scrollIntoView({ block: "center" });
    item.focus({ preventScroll: true });
  }

  renderComment(comment) {
    const li = el("li", `comment${comment.parent_id ? " comment-reply" : ""}${comment.hidden ? " comment-hidden" : ""}`);
    li.dataset.commentId = String(comment.id);
    li.id = `comment-${comment.id}`;
    li.tabIndex = -1;
    const head = el("div", "comment-head");
    head.append(el("strong", "comment-author", comment.author_name ?? t("someone")));
    head.append(" ", el("time", "comment-time muted", new Date(comment.created_at).toLocaleString(document.documentElement.lang === "th" ? "th-TH" : "en-GB", { dateStyle: "medium", timeStyle: "short" })));
    if (comment.edited_at) head.append(" ", el("span", "muted", t("edited")));
    li.append(head);
    if (comment.deleted) li.append(el("p", "comment-body comment-gone", t("deletedComment")));
    else if (comment.hidden && !comment.body) li.append(el("p", "comment-body comment-gone", t("hiddenComment")));
    else {
      li.append(renderBody(comment));
      if (comment.hidden) li.append(el("p", "comment-note", t("hiddenForYou")));
    }
    const actions = el("div", "comment-actions");
    if (comment.can_reply) actions.append(button(t("reply"), () => this.setReply(comment)));
    if (comment.can_edit) {
      actions.append(button(t("edit"), () => this.edit(li, comment)));
      actions.append(button(t("delete"), () => this.remove(comment)));
    }
    if (comment.can_hide) actions.append(button(t("hide"), () => this.hideComment(comment)));
    if (actions.childElementCount) li.append(actions);
    return li;
  }

  setReply(comment) {
    this.replyTo = comment;
    this.replying.hidden = !comment;
    if (comment) {
      this.replying.querySelector("span").textContent = t("replyingTo", { name: comment.author_name ?? t("someone") });
      this.input.focus();
    }
  }

  search(query) {
    return fetch(`/api/v1/projects/${this.board.config.projectId}/mentionable?q=${encodeURIComponent(query)}`,
      { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then((response) => (response.ok ? response.json() : { members: [] }))
      .then((data) => data.members);
  }

  async post() {
    const body = this.input.value.trim();
    if (!body || this.cardId === null) return;
    const data = { card_id: this.cardId, body, mentions: this.mentions.mentions() };
    if (this.replyTo) data.parent_id = this.replyTo.id;
    try {
      const ack = await this.board.connection.send("comment.create", data);
      this.input.value = "";
      this.mentions.reset();
      this.setReply(null);
      this.wanted = String(ack.comment?.id ?? "");
      this.say(t("posted"));
      await this.refresh();
      this.input.focus();
    } catch (error) {
      this.say(t("failed", { reason: error.message }));
    }
  }

  edit(li, comment) {
    const box = el("textarea", "comment-edit");
    box.value = comment.body;
    box.maxLength = Number(this.input.maxLength) || 5000;
    box.setAttribute("aria-label", t("editLabel"));
    const mentions = new MentionBox(box, (q) => this.search(q), { noMatch: t("noMatch"), label: t("members") });
    mentions.reset(comment.mentions);
    const save = button(t("save"), async () => {
      try {
        await this.board.connection.send("comment.update", { id: comment.id, body: box.value.trim(), version: comment.version,
          mentions: mentions.mentions() });
        this.say(t("saved"));
        await this.refresh();
      } catch (error) {
        this.say(t("failed", { reason: error.message }));
      }
    }, "btn btn-small");
    const cancel = button(t("cancel"), () => this.render(), "btn btn-small");
    box.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && !mentions.isOpen) { event.preventDefault(); event.stopPropagation(); this.render(); }
    });
    li.querySelector(".comment-body")?.replaceWith(box);
    li.querySelector(".comment-actions")?.replaceChildren(save, cancel);
    box.focus();
  }

  async remove(comment) {
    if (!window.confirm(t("confirmDelete"))) return;
    await this.#op("comment.delete", { id: comment.id }, t("deleted"));
  }

  async hideComment(comment) {
    await this.#op("comment.hide", { id: comment.id }, t("hidden"));
  }

  async #op(type, data, done) {
    try {
      await this.board.connection.send(type, data);
      this.say(done);
      await this.refresh();
    } catch (error) {
      this.say(t("failed", { reason: error.message }));
    }
  }

  async toggleFollow() {
    const id = this.cardId;
    const following = this.thread?.following;
    try {
      const response = await fetch(`/api/v1/cards/${id}/follow`, { method: following ? "DELETE" : "PUT",
        credentials: "same-origin", headers: { Accept: "application/json", "X-CSRFToken": csrf } });
      if (!response.ok) throw new Error((await response.json()).error?.message ?? response.statusText);
      if (this.thread && this.cardId === id) this.thread.following = (await response.json()).following;
      this.say(t(this.thread?.following ? "followed" : "unfollowed"));
      this.render();
    } catch (error) {
      this.say(t("failed", { reason: error.message }));
    }
  }

  say(message) {
    if (this.status) this.status.textContent = message;
  }
}
