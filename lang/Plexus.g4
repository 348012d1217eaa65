// Plexus language, version 1. See docs/language.md for the meaning of each
// construct; this file only fixes the syntax. Statements need no separator
// (an optional ';' is accepted), newlines are whitespace.
grammar Plexus;

program : decl* EOF ;

decl
  : importDecl
  | dataDecl
  | modelDecl
  | trainDecl
  | evaluateDecl
  | predictDecl
  ;

importDecl   : IMPORT STRING ';'? ;
dataDecl     : DATA ID '=' expr ';'? ;
modelDecl    : MODEL ID '(' (param (',' param)*)? ')' '->' typeExpr block ;
param        : ID ':' typeExpr ;
typeExpr     : ID '[' dim (',' dim)* ']' ;
dim          : INT | ID ;
trainDecl    : TRAIN ID ON expr block ;
evaluateDecl : EVALUATE ID ON expr (block | ';')? ;
predictDecl  : PREDICT ID ON expr ('->' STRING)? ';'? ;

block : '{' stmt* '}' ;

stmt
  : RETURN expr ';'?                                   # returnStmt
  | FOR forTarget IN expr block                        # forStmt
  | IF expr block (ELSE (block | elseIf))?             # ifStmt
  | STEP expr ';'?                                     # stepStmt
  | LOG expr (',' expr)* ';'?                          # logStmt
  | SAVE expr ';'?                                     # saveStmt
  | ID ('.' anyName)? '=' expr ';'?                    # assignStmt
  ;

elseIf : IF expr block (ELSE (block | elseIf))? ;

forTarget
  : ID
  | '(' ID (',' ID)* ')'
  ;

expr
  : expr '.' anyName                                   # memberExpr
  | expr '(' (arg (',' arg)*)? ')'                     # callExpr
  | <assoc=right> expr op='^' expr                     # binaryExpr
  | op=('-' | NOT) expr                                # unaryExpr
  | expr op=('*' | '/' | '%') expr                     # binaryExpr
  | expr op=('+' | '-') expr                           # binaryExpr
  | expr op='..' expr                                  # binaryExpr
  | expr op=('<' | '<=' | '>' | '>=' | '==' | '!=') expr # binaryExpr
  | expr op=AND expr                                   # binaryExpr
  | expr op=OR expr                                    # binaryExpr
  | '(' expr ')'                                       # parenExpr
  | '[' (expr (',' expr)*)? ']'                        # listExpr
  | (INT | FLOAT)                                      # numberExpr
  | STRING                                             # stringExpr
  | (TRUE | FALSE)                                     # boolExpr
  | (ID | EVALUATE)                                     # nameExpr
  ;

arg : (anyName ':')? expr ;

// After '.' and before ':' keywords are plain names: `digits.train`,
// `evaluate(data: ...)`.
anyName
  : ID | IMPORT | DATA | MODEL | TRAIN | EVALUATE | PREDICT | ON | RETURN
  | FOR | IN | IF | ELSE | STEP | LOG | SAVE | TRUE | FALSE | AND | OR | NOT
  ;

IMPORT   : 'import' ;
DATA     : 'data' ;
MODEL    : 'model' ;
TRAIN    : 'train' ;
EVALUATE : 'evaluate' ;
PREDICT  : 'predict' ;
ON       : 'on' ;
RETURN   : 'return' ;
FOR      : 'for' ;
IN       : 'in' ;
IF       : 'if' ;
ELSE     : 'else' ;
STEP     : 'step' ;
LOG      : 'log' ;
SAVE     : 'save' ;
TRUE     : 'true' ;
FALSE    : 'false' ;
AND      : 'and' ;
OR       : 'or' ;
NOT      : 'not' ;

ID     : [a-zA-Z_] [a-zA-Z_0-9]* ;
FLOAT  : [0-9]+ '.' [0-9]+ ([eE] [+-]? [0-9]+)?
       | [0-9]+ [eE] [+-]? [0-9]+ ;
INT    : [0-9]+ ;
STRING : '"' (~["\\\r\n] | '\\' ~[\r\n])* '"' ;
// Lexical errors are tokens too, so the front end can report them with a
// precise message instead of ANTLR's generic "token recognition error".
UNTERMINATED_STRING : '"' (~["\\\r\n] | '\\' ~[\r\n])* ;

LINE_COMMENT  : '//' ~[\r\n]* -> skip ;
BLOCK_COMMENT : '/*' .*? '*/' -> skip ;
WS            : [ \t\r\n]+ -> skip ;
UNTERMINATED_COMMENT : '/*' (~'*' | '*'+ ~[*/])* '*'* EOF ;
UNKNOWN_CHAR  : . ;
