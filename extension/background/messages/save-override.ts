// save-override: stores the person's override through the outbox (sent now, or queued).
import { defineHandler } from "../define-handler"
import { enqueueAndDeliver, newItemBase } from "../outbox"

export default defineHandler("save-override", async ({ override, name }) =>
  enqueueAndDeliver({ ...newItemBase(override.personKey, name), kind: "override", override }),
)
