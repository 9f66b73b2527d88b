// discard-outbox-item: drops a failed outbox item for good.
import { defineHandler } from "../define-handler"
import { outbox } from "../outbox"

export default defineHandler("discard-outbox-item", async ({ id }) => {
  await outbox.takeFailed(id)
  return outbox.view()
})
