// get-metadata: Clockwork's live fields, note types, statuses, tags and projects (`refresh` re-reads
// them from Clockwork). Answers `not_connected` when Clockwork is not connected.
import * as api from "~lib/api"
import { ServerRequestError } from "~lib/api"
import { metadataCacheItem } from "~lib/storage"
import { defineHandler } from "../define-handler"
import { MessageFailure } from "../errors"
import { withServer } from "../server"

export default defineHandler("get-metadata", async ({ refresh }) => {
  try {
    const metadata = await withServer((conn) => (refresh ? api.refreshMetadata(conn) : api.getMetadata(conn)))
    await metadataCacheItem.set(metadata)
    return metadata
  } catch (e) {
    if (e instanceof ServerRequestError && e.status === 409) {
      throw new MessageFailure({ kind: "not_connected", status: 409, message: "Clockwork is not connected yet." })
    }
    throw e
  }
})
