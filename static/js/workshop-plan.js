// The facilitator's planning form: title, date and time, and the agenda's activities (lane, kind,
// minutes, instruction). The server checks every field (workshop.create); choices and limits are its own.
import { el } from "./clock.js";

export class PlanForm {
  constructor(workshop) {
    this.workshop = workshop;
    this.labels = workshop.labels;
    this.root = el("details", { className: "ws-plan" });
    this.built = false;
  }

  render() {
    this.root.hidden = !this.workshop.isFacilitator;
    if (this.root.hidden || this.built) return;
    this.built = true;
    const l = this.labels;
    this.form = el("form", { attrs: { novalidate: "" } });
    this.titleInput = el("input", { attrs: { id: "ws-plan-title", type: "text", maxlength: "200", required: "" } });
    this.whenInput = el("input", { attrs: { id: "ws-plan-when", type: "datetime-local" } });
    this.rows = el("ol", { className: "ws-plan-rows" });
    const add = el("button", { text: l.addActivity, className: "btn btn-small", attrs: { type: "button" } });
    add.addEventListener("click", () => this.addRow());
    this.form.append(
      el("div", { className: "form-row" }, [el("label", { text: l.title, attrs: { for: "ws-plan-title" } }), this.titleInput]),
      el("div", { className: "form-row" }, [el("label", { text: l.startsAt, attrs: { for: "ws-plan-when" } }), this.whenInput]),
      this.rows, add, " ",
      el("button", { text: l.create, className: "btn", attrs: { type: "submit", "data-ws": "create" } }));
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.submit();
    });
    this.root.append(el("summary", { text: l.plan }), this.form);
    this.addRow();
  }

  addRow() {
    const l = this.labels;
    const config = this.workshop.config;
    const n = this.rows.children.length + 1;
    if (n > config.activitiesMax) return;
    const select = (id, choices) => {
      const node = el("select", { attrs: { id, "data-field": id.split("-")[2] } });
      for (const [key, label] of choices) node.append(el("option", { text: label, attrs: { value: key } }));
      return node;
    };
    const stage = select(`ws-a-stage-${n}`, config.stages);
    const kind = select(`ws-a-kind-${n}`, config.kinds);
    const minutes = el("input", { attrs: { id: `ws-a-minutes-${n}`, type: "number", min: "1", max: String(config.durationMax), value: "5" } });
    const instruction = el("input", { attrs: { id: `ws-a-instruction-${n}`, type: "text", maxlength: "500" } });
    const remove = el("button", { text: "×", className: "btn-link", attrs: { type: "button", "aria-label": l.removeActivity } });
    const row = el("li", { className: "ws-plan-row" }, [
      el("label", { text: l.stage, attrs: { for: stage.id } }), stage,
      el("label", { text: l.kind, attrs: { for: kind.id } }), kind,
      el("label", { text: l.minutes, attrs: { for: minutes.id } }), minutes,
      el("label", { text: l.instruction, attrs: { for: instruction.id } }), instruction, remove]);
    row.fields = { stage, kind, minutes, instruction };
    remove.addEventListener("click", () => row.remove());
    this.rows.append(row);
  }

  async submit() {
    const agenda = [...this.rows.children].map((row) => ({
      stage: row.fields.stage.value, kind: row.fields.kind.value,
      duration: Math.round(Number(row.fields.minutes.value) * 60), instruction: row.fields.instruction.value,
    }));
    const data = { title: this.titleInput.value, agenda };
    if (this.whenInput.value) data.starts_at = this.whenInput.value;
    try {
      await this.workshop.send("workshop.create", data);
      this.root.open = false;
    } catch { /* announced */ }
  }
}
