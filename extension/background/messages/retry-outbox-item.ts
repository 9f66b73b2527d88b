// retry-outbox-item: moves a failed outbox item back to the outbox and tries to send it now.
import { defineHandler } from "../define-handler"
import { MessageFailure } from "../errors"
import { flushOutbox, outbox } from "../outbox"

export default defineHandler("retry-outbox-item", async ({ id }) => {
  if (!(await outbox.retryFailed(id))) throw new MessageFailure({ kind: "not_found", message: "That action is no longer in the failed list." })
  await flushOutbox()
  return outbox.view()
})
