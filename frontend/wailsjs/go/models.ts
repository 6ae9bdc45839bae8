export namespace chat {
	
	export class Context {
	    messages: number;
	    tokens: number;
	    trimmed: boolean;
	    budget: number;
	    maxMessages: number;
	
	    static createFrom(source: any = {}) {
	        return new Context(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.messages = source["messages"];
	        this.tokens = source["tokens"];
	        this.trimmed = source["trimmed"];
	        this.budget = source["budget"];
	        this.maxMessages = source["maxMessages"];
	    }
	}

}

export namespace core {
	
	export enum ExportFormat {
	    JSON = "json",
	    MARKDOWN = "md",
	}
	export enum KeyNeed {
	    NONE = "none",
	    OPTIONAL = "optional",
	    REQUIRED = "required",
	}
	export class About {
	    version: string;
	    licence: string;
	    copyright: string;
	    dataDir: string;
	    logFile: string;
	
	    static createFrom(source: any = {}) {
	        return new About(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.version = source["version"];
	        this.licence = source["licence"];
	        this.copyright = source["copyright"];
	        this.dataDir = source["dataDir"];
	        this.logFile = source["logFile"];
	    }
	}
	export class ChatSettings {
	    model: string;
	    systemPrompt?: string;
	    temperature?: number;
	    topP?: number;
	    maxTokens: number;
	    reasoningEffort: string;
	    thinkingBudget?: number;
	    contextMessages: number;
	    contextTokens: number;
	
	    static createFrom(source: any = {}) {
	        return new ChatSettings(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.model = source["model"];
	        this.systemPrompt = source["systemPrompt"];
	        this.temperature = source["temperature"];
	        this.topP = source["topP"];
	        this.maxTokens = source["maxTokens"];
	        this.reasoningEffort = source["reasoningEffort"];
	        this.thinkingBudget = source["thinkingBudget"];
	        this.contextMessages = source["contextMessages"];
	        this.contextTokens = source["contextTokens"];
	    }
	}
	export class ConversationView {
	    id: string;
	    profileId: string;
	    title: string;
	    pinned: boolean;
	    createdAt: number;
	    updatedAt: number;
	    messages: number;
	    inputTokens: number;
	    outputTokens: number;
	
	    static createFrom(source: any = {}) {
	        return new ConversationView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.profileId = source["profileId"];
	        this.title = source["title"];
	        this.pinned = source["pinned"];
	        this.createdAt = source["createdAt"];
	        this.updatedAt = source["updatedAt"];
	        this.messages = source["messages"];
	        this.inputTokens = source["inputTokens"];
	        this.outputTokens = source["outputTokens"];
	    }
	}
	export class Counts {
	    profiles: number;
	    conversations: number;
	    messages: number;
	
	    static createFrom(source: any = {}) {
	        return new Counts(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.profiles = source["profiles"];
	        this.conversations = source["conversations"];
	        this.messages = source["messages"];
	    }
	}
	export class MessageView {
	    id: string;
	    conversationId: string;
	    seq: number;
	    role: llm.Role;
	    content: string;
	    reasoning: string;
	    status: store.Status;
	    problem?: problem.Problem;
	    model: string;
	    inputTokens: number;
	    outputTokens: number;
	    reasoningMs: number;
	    createdAt: number;
	    updatedAt: number;
	    parentId: string;
	    finish: string;
	    lastSeq: number;
	    alternatives: string[];
	
	    static createFrom(source: any = {}) {
	        return new MessageView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.conversationId = source["conversationId"];
	        this.seq = source["seq"];
	        this.role = source["role"];
	        this.content = source["content"];
	        this.reasoning = source["reasoning"];
	        this.status = source["status"];
	        this.problem = this.convertValues(source["problem"], problem.Problem);
	        this.model = source["model"];
	        this.inputTokens = source["inputTokens"];
	        this.outputTokens = source["outputTokens"];
	        this.reasoningMs = source["reasoningMs"];
	        this.createdAt = source["createdAt"];
	        this.updatedAt = source["updatedAt"];
	        this.parentId = source["parentId"];
	        this.finish = source["finish"];
	        this.lastSeq = source["lastSeq"];
	        this.alternatives = source["alternatives"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Exchange {
	    user: MessageView;
	    assistant: MessageView;
	
	    static createFrom(source: any = {}) {
	        return new Exchange(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.user = this.convertValues(source["user"], MessageView);
	        this.assistant = this.convertValues(source["assistant"], MessageView);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ExportRequest {
	    conversationId: string;
	    format: ExportFormat;
	    path: string;
	
	    static createFrom(source: any = {}) {
	        return new ExportRequest(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.conversationId = source["conversationId"];
	        this.format = source["format"];
	        this.path = source["path"];
	    }
	}
	export class ImportRequest {
	    format: importer.Format;
	    path: string;
	    moveKeys: boolean;
	
	    static createFrom(source: any = {}) {
	        return new ImportRequest(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.format = source["format"];
	        this.path = source["path"];
	        this.moveKeys = source["moveKeys"];
	    }
	}
	export class KeyMove {
	    service: string;
	    host: string;
	    profileId?: string;
	    why?: string;
	
	    static createFrom(source: any = {}) {
	        return new KeyMove(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.service = source["service"];
	        this.host = source["host"];
	        this.profileId = source["profileId"];
	        this.why = source["why"];
	    }
	}
	export class ImportSummary {
	    format: importer.Format;
	    profileId: string;
	    profileName: string;
	    createdProfile: boolean;
	    conversations: number;
	    messages: number;
	    alreadyImported: number;
	    skipped: importer.Skip[];
	    keysFound: number;
	    keys: KeyMove[];
	
	    static createFrom(source: any = {}) {
	        return new ImportSummary(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.format = source["format"];
	        this.profileId = source["profileId"];
	        this.profileName = source["profileName"];
	        this.createdProfile = source["createdProfile"];
	        this.conversations = source["conversations"];
	        this.messages = source["messages"];
	        this.alreadyImported = source["alreadyImported"];
	        this.skipped = this.convertValues(source["skipped"], importer.Skip);
	        this.keysFound = source["keysFound"];
	        this.keys = this.convertValues(source["keys"], KeyMove);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class KeySaved {
	    set: boolean;
	    hint: string;
	    unavailable?: string;
	    advice: providers.Advice[];
	
	    static createFrom(source: any = {}) {
	        return new KeySaved(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.set = source["set"];
	        this.hint = source["hint"];
	        this.unavailable = source["unavailable"];
	        this.advice = this.convertValues(source["advice"], providers.Advice);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Languages {
	    chosen: string;
	    system: string;
	
	    static createFrom(source: any = {}) {
	        return new Languages(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.chosen = source["chosen"];
	        this.system = source["system"];
	    }
	}
	export class MessagePage {
	    messages: MessageView[];
	    from: number;
	    total: number;
	
	    static createFrom(source: any = {}) {
	        return new MessagePage(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.messages = this.convertValues(source["messages"], MessageView);
	        this.from = source["from"];
	        this.total = source["total"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class ModelList {
	    models: string[];
	    source: string;
	    problem?: problem.Problem;
	
	    static createFrom(source: any = {}) {
	        return new ModelList(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.models = source["models"];
	        this.source = source["source"];
	        this.problem = this.convertValues(source["problem"], problem.Problem);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class OllamaFound {
	    baseUrl: string;
	    models: string[];
	
	    static createFrom(source: any = {}) {
	        return new OllamaFound(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.baseUrl = source["baseUrl"];
	        this.models = source["models"];
	    }
	}
	export class Place {
	    profileId: string;
	    conversationId: string;
	
	    static createFrom(source: any = {}) {
	        return new Place(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.profileId = source["profileId"];
	        this.conversationId = source["conversationId"];
	    }
	}
	export class ProfileView {
	    id: string;
	    name: string;
	    kind: string;
	    preset: string;
	    baseUrl: string;
	    model: string;
	    systemPrompt: string;
	    createdAt: number;
	    updatedAt: number;
	    connectTimeoutMs: number;
	    firstByteTimeoutMs: number;
	    idleTimeoutMs: number;
	    keyNeed: KeyNeed;
	    reasoning: string[];
	
	    static createFrom(source: any = {}) {
	        return new ProfileView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.kind = source["kind"];
	        this.preset = source["preset"];
	        this.baseUrl = source["baseUrl"];
	        this.model = source["model"];
	        this.systemPrompt = source["systemPrompt"];
	        this.createdAt = source["createdAt"];
	        this.updatedAt = source["updatedAt"];
	        this.connectTimeoutMs = source["connectTimeoutMs"];
	        this.firstByteTimeoutMs = source["firstByteTimeoutMs"];
	        this.idleTimeoutMs = source["idleTimeoutMs"];
	        this.keyNeed = source["keyNeed"];
	        this.reasoning = source["reasoning"];
	    }
	}
	export class ProxyCheck {
	    target: string;
	    via: string;
	    direct: boolean;
	    status: number;
	    millis: number;
	
	    static createFrom(source: any = {}) {
	        return new ProxyCheck(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.target = source["target"];
	        this.via = source["via"];
	        this.direct = source["direct"];
	        this.status = source["status"];
	        this.millis = source["millis"];
	    }
	}
	export class ProxySetting {
	    mode: providers.ProxyMode;
	    url: string;
	
	    static createFrom(source: any = {}) {
	        return new ProxySetting(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.mode = source["mode"];
	        this.url = source["url"];
	    }
	}
	export class ProxyView {
	    mode: providers.ProxyMode;
	    url: string;
	    username: string;
	    passwordSet: boolean;
	
	    static createFrom(source: any = {}) {
	        return new ProxyView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.mode = source["mode"];
	        this.url = source["url"];
	        this.username = source["username"];
	        this.passwordSet = source["passwordSet"];
	    }
	}

}

export namespace doctor {
	
	export enum Status {
	    FAILED = "failed",
	    OK = "ok",
	    SKIPPED = "skipped",
	    WARNING = "warning",
	}
	export class Step {
	    name: string;
	    status: Status;
	    millis: number;
	    detail: string;
	    phrases?: problem.Phrase[];
	    problem?: problem.Problem;
	
	    static createFrom(source: any = {}) {
	        return new Step(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.status = source["status"];
	        this.millis = source["millis"];
	        this.detail = source["detail"];
	        this.phrases = this.convertValues(source["phrases"], problem.Phrase);
	        this.problem = this.convertValues(source["problem"], problem.Problem);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

export namespace importer {
	
	export enum Format {
	    CHATBOX = "chatbox",
	    CHATGPT = "chatgpt",
	    NEXTCHAT = "nextchat",
	}
	export class Skip {
	    why: string;
	    count: number;
	    example?: string;
	
	    static createFrom(source: any = {}) {
	        return new Skip(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.why = source["why"];
	        this.count = source["count"];
	        this.example = source["example"];
	    }
	}

}

export namespace keychain {
	
	export class Status {
	    set: boolean;
	    hint: string;
	    unavailable?: string;
	
	    static createFrom(source: any = {}) {
	        return new Status(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.set = source["set"];
	        this.hint = source["hint"];
	        this.unavailable = source["unavailable"];
	    }
	}

}

export namespace llm {
	
	export enum Role {
	    ASSISTANT = "assistant",
	    SYSTEM = "system",
	    USER = "user",
	}

}

export namespace problem {
	
	export enum Kind {
	    AUTH = "auth",
	    BAD_REQUEST = "bad_request",
	    CANCELED = "canceled",
	    DNS = "dns",
	    EMPTY = "empty",
	    FILTERED = "filtered",
	    FORBIDDEN = "forbidden",
	    HTML = "html",
	    INTERNAL = "internal",
	    INVALID_INPUT = "invalid_input",
	    KEYCHAIN = "keychain",
	    MODEL = "model",
	    NETWORK = "network",
	    NOT_FOUND = "not_found",
	    NO_KEY = "no_key",
	    OVERLOADED = "overloaded",
	    PROVIDER_ERROR = "provider_error",
	    PROXY = "proxy",
	    QUOTA = "quota",
	    RATE_LIMIT = "rate_limit",
	    REDIRECT = "redirect",
	    REFUSED = "refused",
	    SERVER = "server",
	    STREAM_BROKEN = "stream_broken",
	    TIMEOUT = "timeout",
	    TLS = "tls",
	    TOO_LARGE = "too_large",
	}
	export class Explanation {
	    language: string;
	    id: string;
	    title: string;
	    detail: string;
	    fix: string;
	
	    static createFrom(source: any = {}) {
	        return new Explanation(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.language = source["language"];
	        this.id = source["id"];
	        this.title = source["title"];
	        this.detail = source["detail"];
	        this.fix = source["fix"];
	    }
	}
	export class Phrase {
	    wordsId: string;
	    facts?: Record<string, string>;
	    part?: string;
	
	    static createFrom(source: any = {}) {
	        return new Phrase(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.wordsId = source["wordsId"];
	        this.facts = source["facts"];
	        this.part = source["part"];
	    }
	}
	export class Problem {
	    kind: Kind;
	    title: string;
	    detail: string;
	    fix: string;
	    status?: number;
	    host?: string;
	    endpoint?: string;
	    providerMessage?: string;
	    providerCode?: string;
	    allowedModels?: string[];
	    keyHint?: string;
	    wordsId?: string;
	    facts?: Record<string, string>;
	
	    static createFrom(source: any = {}) {
	        return new Problem(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.kind = source["kind"];
	        this.title = source["title"];
	        this.detail = source["detail"];
	        this.fix = source["fix"];
	        this.status = source["status"];
	        this.host = source["host"];
	        this.endpoint = source["endpoint"];
	        this.providerMessage = source["providerMessage"];
	        this.providerCode = source["providerCode"];
	        this.allowedModels = source["allowedModels"];
	        this.keyHint = source["keyHint"];
	        this.wordsId = source["wordsId"];
	        this.facts = source["facts"];
	    }
	}

}

export namespace providers {
	
	export enum ProxyMode {
	    CUSTOM = "custom",
	    DEFAULT = "",
	    NONE = "none",
	    SYSTEM = "system",
	}
	export enum Severity {
	    ERROR = "error",
	    WARNING = "warning",
	}
	export class Advice {
	    severity: Severity;
	    message: string;
	    phrases?: problem.Phrase[];
	    suggested?: string;
	
	    static createFrom(source: any = {}) {
	        return new Advice(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.severity = source["severity"];
	        this.message = source["message"];
	        this.phrases = this.convertValues(source["phrases"], problem.Phrase);
	        this.suggested = source["suggested"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Preset {
	    id: string;
	    name: string;
	    kind: string;
	    baseUrl: string;
	    models: string[];
	    keyUrl: string;
	    needsKey: boolean;
	
	    static createFrom(source: any = {}) {
	        return new Preset(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.kind = source["kind"];
	        this.baseUrl = source["baseUrl"];
	        this.models = source["models"];
	        this.keyUrl = source["keyUrl"];
	        this.needsKey = source["needsKey"];
	    }
	}

}

export namespace store {
	
	export enum Status {
	    DONE = "done",
	    ERROR = "error",
	    INTERRUPTED = "interrupted",
	    STOPPED = "stopped",
	    STREAMING = "streaming",
	}
	export class Profile {
	    id: string;
	    name: string;
	    kind: string;
	    preset: string;
	    baseUrl: string;
	    model: string;
	    systemPrompt: string;
	    createdAt: number;
	    updatedAt: number;
	    connectTimeoutMs: number;
	    firstByteTimeoutMs: number;
	    idleTimeoutMs: number;
	
	    static createFrom(source: any = {}) {
	        return new Profile(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.kind = source["kind"];
	        this.preset = source["preset"];
	        this.baseUrl = source["baseUrl"];
	        this.model = source["model"];
	        this.systemPrompt = source["systemPrompt"];
	        this.createdAt = source["createdAt"];
	        this.updatedAt = source["updatedAt"];
	        this.connectTimeoutMs = source["connectTimeoutMs"];
	        this.firstByteTimeoutMs = source["firstByteTimeoutMs"];
	        this.idleTimeoutMs = source["idleTimeoutMs"];
	    }
	}
	export class SearchHit {
	    conversationId: string;
	    messageId: string;
	    profileId: string;
	    title: string;
	    role: llm.Role;
	    seq: number;
	    snippet: string;
	    createdAt: number;
	
	    static createFrom(source: any = {}) {
	        return new SearchHit(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.conversationId = source["conversationId"];
	        this.messageId = source["messageId"];
	        this.profileId = source["profileId"];
	        this.title = source["title"];
	        this.role = source["role"];
	        this.seq = source["seq"];
	        this.snippet = source["snippet"];
	        this.createdAt = source["createdAt"];
	    }
	}

}

