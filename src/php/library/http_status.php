<?php
// Swoole\Http\Status: the HTTP status codes by name and their reason
// phrases, as Swoole 6.2.2's library names and words them (its own
// spellings: 'Request Time-out', 'Multi-status', …). corust's own code;
// compiled once per request by library/mod.rs.

namespace Swoole\Http {
    abstract class Status
    {
        public const CONTINUE = 100;
        public const SWITCHING_PROTOCOLS = 101;
        public const PROCESSING = 102;
        public const OK = 200;
        public const CREATED = 201;
        public const ACCEPTED = 202;
        public const NON_AUTHORITATIVE_INFORMATION = 203;
        public const NO_CONTENT = 204;
        public const RESET_CONTENT = 205;
        public const PARTIAL_CONTENT = 206;
        public const MULTI_STATUS = 207;
        public const ALREADY_REPORTED = 208;
        public const IM_USED = 226;
        public const MULTIPLE_CHOICES = 300;
        public const MOVED_PERMANENTLY = 301;
        public const FOUND = 302;
        public const SEE_OTHER = 303;
        public const NOT_MODIFIED = 304;
        public const USE_PROXY = 305;
        public const SWITCH_PROXY = 306;
        public const TEMPORARY_REDIRECT = 307;
        public const PERMANENT_REDIRECT = 308;
        public const BAD_REQUEST = 400;
        public const UNAUTHORIZED = 401;
        public const PAYMENT_REQUIRED = 402;
        public const FORBIDDEN = 403;
        public const NOT_FOUND = 404;
        public const METHOD_NOT_ALLOWED = 405;
        public const NOT_ACCEPTABLE = 406;
        public const PROXY_AUTHENTICATION_REQUIRED = 407;
        public const REQUEST_TIME_OUT = 408;
        public const CONFLICT = 409;
        public const GONE = 410;
        public const LENGTH_REQUIRED = 411;
        public const PRECONDITION_FAILED = 412;
        public const REQUEST_ENTITY_TOO_LARGE = 413;
        public const REQUEST_URI_TOO_LARGE = 414;
        public const UNSUPPORTED_MEDIA_TYPE = 415;
        public const REQUESTED_RANGE_NOT_SATISFIABLE = 416;
        public const EXPECTATION_FAILED = 417;
        public const MISDIRECTED_REQUEST = 421;
        public const UNPROCESSABLE_ENTITY = 422;
        public const LOCKED = 423;
        public const FAILED_DEPENDENCY = 424;
        public const UNORDERED_COLLECTION = 425;
        public const UPGRADE_REQUIRED = 426;
        public const PRECONDITION_REQUIRED = 428;
        public const TOO_MANY_REQUESTS = 429;
        public const REQUEST_HEADER_FIELDS_TOO_LARGE = 431;
        public const UNAVAILABLE_FOR_LEGAL_REASONS = 451;
        public const INTERNAL_SERVER_ERROR = 500;
        public const NOT_IMPLEMENTED = 501;
        public const BAD_GATEWAY = 502;
        public const SERVICE_UNAVAILABLE = 503;
        public const GATEWAY_TIME_OUT = 504;
        public const HTTP_VERSION_NOT_SUPPORTED = 505;
        public const VARIANT_ALSO_NEGOTIATES = 506;
        public const INSUFFICIENT_STORAGE = 507;
        public const LOOP_DETECTED = 508;
        public const NOT_EXTENDED = 510;
        public const NETWORK_AUTHENTICATION_REQUIRED = 511;

        /** @var array<int, string> phrases that are not the name in title case */
        private static array $wording = [
            203 => 'Non-Authoritative Information',
            207 => 'Multi-status',
            226 => 'IM Used',
            408 => 'Request Time-out',
            414 => 'Request-URI Too Large',
            416 => 'Requested range not satisfiable',
            504 => 'Gateway Time-out',
            505 => 'HTTP Version not supported',
            200 => 'OK',
        ];

        /** @var array<int, string>|null built once from the constants */
        private static ?array $phrases = null;

        /** @return array<int, string> code => reason phrase */
        public static function getReasonPhrases(): array
        {
            if (self::$phrases === null) {
                $all = [];
                foreach ((new \ReflectionClass(self::class))->getConstants() as $name => $code) {
                    if (is_int($code)) {
                        $all[$code] = self::$wording[$code] ?? ucwords(strtolower(str_replace('_', ' ', $name)));
                    }
                }
                self::$phrases = $all;
            }
            return self::$phrases;
        }

        public static function getReasonPhrase(int $value): string
        {
            return self::getReasonPhrases()[$value] ?? 'Unknown';
        }
    }
}
