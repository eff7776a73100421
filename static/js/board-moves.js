// Moving cards on the board (pointer and keyboard alike): an optimistic key while the server decides,
// then an announcement of the card's new place, and of its new kind when the lane does not take its own.
import { showLane } from "./board-input.js";
import { keyBetween } from "./ordering.js";

/** The Board's move methods (mixed into its prototype); `config` holds the kind labels the server gave. */
export function cardMoves(config) {
  return {
    /** Move a card to `stage`, right after card `afterId` (null = top), and say where it went. */
    async moveCard(id, stage, afterId) {
      const lane = this.laneCards(stage).filter((other) => other.id !== id && !other.deleted);
      const index = afterId === null ? -1 : lane.findIndex((other) => other.id === afterId);
      const guess = keyBetween(index >= 0 ? lane[index].position : null, lane[index + 1]?.position ?? null);
      const optimistic = guess ? { position: guess } : {};
      const before = this.cards.get(id);
      try {
        const ack = await this.changeCard(id, "card.move", { stage, after: afterId }, optimistic);
        this.focusCard(id);
        const place = this.laneCards(stage).findIndex((other) => other.id === id) + 1;
        const lane = this.stageByKey[stage].label;
        const kind = ack?.card?.kind;
        if (kind && before && kind !== before.kind) {
          // The lane does not take the card's kind: say what it is now, and that moving back restores it.
          this.announce(this.t("movedKind", { lane, place, kind: config.kindLabels[kind] ?? kind,
            from: this.stageByKey[before.stage].label, before: config.kindLabels[before.kind] ?? before.kind }));
        } else {
          this.announce(this.t("moved", { lane, place }));
        }
      } catch {
        this.focusCard(id);
      }
    },

    moveWithinLane(id, delta) {
      const { card, lane, index } = this.neighbours(id);
      const target = index + delta;
      if (target < 0 || target >= lane.length) return;
      const without = lane.filter((other) => other.id !== id);
      this.moveCard(id, card.stage, target === 0 ? null : without[target - 1].id);
    },

    moveToLaneEnd(id, stage) {
      const lane = this.laneCards(stage).filter((other) => !other.deleted && other.id !== id);
      this.moveCard(id, stage, lane.at(-1)?.id ?? null);
      showLane(stage);
    },

    moveToLane(id, step) {
      const stage = this.stageKeys[this.stageKeys.indexOf(this.cards.get(id).stage) + step];
      if (stage) this.moveToLaneEnd(id, stage);
    }
  };
}
