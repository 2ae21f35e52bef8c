import type { App } from 'antd';
import { errorText, isApiError } from './client';

type MessageApi = ReturnType<typeof App.useApp>['message'];

let messageApi: MessageApi | null = null;

/** Called by <MessageBridge/> inside antd's <App>, so code outside components can show messages. */
export function setMessageApi(api: MessageApi | null): void {
  messageApi = api;
}

/** Shows an error toast with the server's translated message. A 401 is silent: it redirects to login. */
export function notifyError(err: unknown): void {
  if (isApiError(err, 401)) return;
  void messageApi?.error(errorText(err));
}
