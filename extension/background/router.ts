// One handler per message type; `dispatch` routes an incoming message to it.
import { MessageEnvelopeSchema, type MessageResult, type MessageType } from "@shared/messages"
import type { Handler } from "./define-handler"
import activateIntegration from "./messages/activate-integration"
import addToCampaign from "./messages/add-to-campaign"
import createCampaign from "./messages/create-campaign"
import discardOutboxItem from "./messages/discard-outbox-item"
import disconnectIntegration from "./messages/disconnect-integration"
import getIntegration from "./messages/get-integration"
import getMetadata from "./messages/get-metadata"
import getSession from "./messages/get-session"
import getSettings from "./messages/get-settings"
import getSettingsHistory from "./messages/get-settings-history"
import getStatus from "./messages/get-status"
import getTabPerson from "./messages/get-tab-person"
import listCampaigns from "./messages/list-campaigns"
import loadPerson from "./messages/load-person"
import openOptions from "./messages/open-options"
import previewDecision from "./messages/preview-decision"
import pushNow from "./messages/push-now"
import reportCapture from "./messages/report-capture"
import retryOutboxItem from "./messages/retry-outbox-item"
import retrySyncJob from "./messages/retry-sync-job"
import saveOverride from "./messages/save-override"
import signIn from "./messages/sign-in"
import signOut from "./messages/sign-out"
import updateCampaign from "./messages/update-campaign"
import updateSettings from "./messages/update-settings"

export const HANDLERS: { [T in MessageType]: Handler<T> } = {
  "get-session": getSession,
  "open-options": openOptions,
  "report-capture": reportCapture,
  "load-person": loadPerson,
  "preview-decision": previewDecision,
  "save-override": saveOverride,
  "push-now": pushNow,
  "add-to-campaign": addToCampaign,
  "get-tab-person": getTabPerson,
  "get-status": getStatus,
  "retry-sync-job": retrySyncJob,
  "retry-outbox-item": retryOutboxItem,
  "discard-outbox-item": discardOutboxItem,
  "sign-in": signIn,
  "sign-out": signOut,
  "get-integration": getIntegration,
  "activate-integration": activateIntegration,
  "disconnect-integration": disconnectIntegration,
  "get-settings": getSettings,
  "update-settings": updateSettings,
  "get-settings-history": getSettingsHistory,
  "get-metadata": getMetadata,
  "list-campaigns": listCampaigns,
  "create-campaign": createCampaign,
  "update-campaign": updateCampaign,
}

function isMessageType(type: string): type is MessageType {
  return Object.prototype.hasOwnProperty.call(HANDLERS, type)
}

export async function dispatch(message: unknown, sender: chrome.runtime.MessageSender): Promise<MessageResult<MessageType>> {
  const envelope = MessageEnvelopeSchema.safeParse(message)
  if (!envelope.success || !isMessageType(envelope.data.type)) {
    return { ok: false, error: { kind: "bad_message", message: "Unknown message" } }
  }
  const handler = HANDLERS[envelope.data.type] as Handler
  return handler(envelope.data.body, sender)
}
